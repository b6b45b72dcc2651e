/**
 * How the hand part does on real pictures (issue 14: hands), for tuning and the model card:
 *   npx tsx scripts/real-photos/hands.ts [--crops DIR] [--vtest] [--runs 20]
 * 1. Every person labelled in the TUNE photos (scripts/real-photos/labels.json; the report split is never read
 *    here): MoveNet on the labelled box, the hand model on the crops its wrists and elbows place; per crop the
 *    presence score and the gesture the landmarks give (written to --crops DIR as PNGs, landmarks drawn, to be
 *    judged by eye: is a hand there, and is the gesture right). This is what HAND_MIN_PRESENCE is chosen on.
 * 2. The whole captioner (glance-real-v1, onnxruntime-node) on every tune photo, and with --vtest on the labelled
 *    frames of .cache/real-photos/vtest-640x480.y4m (npm run photos:vtest): how often a refined caption says a hand.
 * 3. The hand part's native time per crop (onnxruntime-node, 1 thread, median of --runs runs).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCli } from '../cli';
import { encode as encodePng } from 'fast-png';
import { HAND_MIN_PRESENCE } from '../../src/core/real/constants';
import { gestureOf } from '../../src/core/real/describe-hand';
import { sampleHandCrop } from '../../src/core/real/hand-crop';
import { HAND_INPUT } from '../../src/core/real/hand-decode';
import { readHand } from '../../src/core/real/hand-look';
import { lookAtPeople } from '../../src/core/real/look-people';
import { parseCaption } from '../../src/core/real/parse-caption';
import type { RgbaImage } from '../../src/core/real/types';
import { loadRealLabels, photosOfSplit, realPhotoFile } from '../../src/eval/real/real-labels';
import { decodeImage } from '../../src/node/decode-image';
import { createNodeBackend } from '../../src/node/load-captioner';
import { loadNodeEngine } from '../../src/node/load-engine';
import { readY4mFrame } from '../../src/world/y4m';

const BUNDLE = 'public/models/glance-real-v1';
const { values } = parseCli(import.meta.url, {
  options: {
    crops: { type: 'string' },
    vtest: { type: 'boolean', default: false },
    runs: { type: 'string', default: '20' },
  },
});

function rgba(bytes: Uint8Array, name: string): RgbaImage {
  const img = decodeImage(bytes, name);
  if (img.channels === 4) return { width: img.width, height: img.height, data: img.data };
  const data = new Uint8Array(img.width * img.height * 4);
  for (let i = 0; i < img.width * img.height; i++) data.set([...img.data.subarray(i * 3, i * 3 + 3), 255], i * 4);
  return { width: img.width, height: img.height, data };
}

function cropPng(frame: RgbaImage, hand: Awaited<ReturnType<typeof readHand>>): Uint8Array {
  const rgb = sampleHandCrop(frame, hand.crop, HAND_INPUT);
  const out = new Uint8Array(HAND_INPUT * HAND_INPUT * 3);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(rgb[i])));
  // Landmarks back in crop pixels: invert the crop's rotation about its centre.
  const s = hand.crop.side / HAND_INPUT;
  const [c, n] = [Math.cos(hand.crop.angle), Math.sin(hand.crop.angle)];
  for (const p of hand.landmarks) {
    const [dx, dy] = [p.x - hand.crop.cx, p.y - hand.crop.cy];
    const u = Math.round((dx * c + dy * n) / s + HAND_INPUT / 2);
    const v = Math.round((-dx * n + dy * c) / s + HAND_INPUT / 2);
    for (let a = -1; a <= 1; a++)
      for (let b = -1; b <= 1; b++) {
        const [x, y] = [u + a, v + b];
        if (x >= 0 && y >= 0 && x < HAND_INPUT && y < HAND_INPUT) out.set([0, 255, 0], (y * HAND_INPUT + x) * 3);
      }
  }
  return encodePng({ width: HAND_INPUT, height: HAND_INPUT, data: out, channels: 3 });
}

async function main(): Promise<void> {
  const labels = loadRealLabels();
  const tune = photosOfSplit(labels, 'tune');
  const parts = Object.fromEntries(
    ['pose', 'hand'].map((p) => [p, new Uint8Array(readFileSync(join(BUNDLE, 'onnx', `${p}.onnx`)))]),
  );
  const backend = await createNodeBackend(parts, { threads: 1 });
  const partSet = new Set(['pose', 'hand']);
  if (values.crops) mkdirSync(values.crops, { recursive: true });
  console.log(`1. hand crops on the people labelled in the ${tune.length} tune photos (presence, gesture)`);
  const first: { crop?: { frame: RgbaImage; hand: Awaited<ReturnType<typeof readHand>> } } = {};
  for (const photo of tune) {
    const people = photo.objects.filter((o) => o.label === 'person');
    if (people.length === 0) continue;
    const frame = rgba(new Uint8Array(readFileSync(realPhotoFile(photo))), realPhotoFile(photo));
    const dets = people.map((o) => {
      const [x, y, w, h] = o.box;
      return { classId: 0, label: 'person', score: 1, box: { x, y, w, h } };
    });
    const looks = await lookAtPeople(backend, partSet, frame, dets, null);
    looks.forEach((l, i) => {
      if (!l.hands?.length)
        console.log(`  ${photo.id} person ${i}: no hand crop (elbow or wrist unsure, or too small)`);
      for (const h of l.hands ?? []) {
        first.crop ??= { frame, hand: h };
        const g = gestureOf(h.landmarks);
        const name = `${photo.id}-${Math.round(l.box.x)}-${h.side}.png`;
        if (values.crops) writeFileSync(join(values.crops, name), cropPng(frame, h));
        console.log(
          `  ${photo.id} person ${i} ${h.side} hand: crop ${Math.round(h.crop.side)} px at ${Math.round(h.crop.cx)},${Math.round(h.crop.cy)}; presence ${h.presence.toFixed(3)}${h.presence >= HAND_MIN_PRESENCE ? ' (sure)' : ''}; gesture ${g ?? '(unclear)'}${values.crops ? `; ${name}` : ''}`,
        );
      }
    });
  }

  console.log(`2. refined captions that say a hand (HAND_MIN_PRESENCE ${HAND_MIN_PRESENCE})`);
  const engine = await loadNodeEngine(BUNDLE, { threads: 1 });
  let said = 0;
  let withPeople = 0;
  for (const photo of tune) {
    const file = realPhotoFile(photo);
    const r = await engine.captionImage(new Uint8Array(readFileSync(file)), file);
    const hands = parseCaption(r.refined!.text).hands;
    const person = photo.objects.some((o) => o.label === 'person');
    withPeople += person ? 1 : 0;
    said += hands.length > 0 ? 1 : 0;
    if (person || hands.length > 0) console.log(`  ${photo.id}: ${r.refined!.text}`);
  }
  console.log(`  tune photos: ${said} of ${tune.length} say a hand (${withPeople} have labelled people)`);
  if (values.vtest) {
    const vt = JSON.parse(readFileSync('scripts/real-photos/vtest-labels.json', 'utf8')) as {
      video: string;
      times: { frame: number }[];
    };
    const bytes = new Uint8Array(readFileSync(join('.cache/real-photos', vt.video)));
    // The labelled walkers themselves: how many of them get a hand crop at all (a forearm long enough).
    let people = 0;
    let crops = 0;
    let sure = 0;
    for (const t of vt.times as { frame: number; people: { box: number[] }[] }[]) {
      const frame = readY4mFrame(bytes, t.frame);
      const dets = t.people.map(({ box: [x, y, w, h] }) => ({
        classId: 0,
        label: 'person',
        score: 1,
        box: { x, y, w, h },
      }));
      for (let i = 0; i < dets.length; i += 2) {
        const looks = await lookAtPeople(backend, partSet, frame, dets.slice(i, i + 2), null);
        people += looks.length;
        crops += looks.reduce((n, l) => n + (l.hands?.length ?? 0), 0);
        sure += looks.reduce((n, l) => n + (l.hands ?? []).filter((h) => h.presence >= HAND_MIN_PRESENCE).length, 0);
      }
    }
    console.log(`  vtest labelled people (boxes as labelled): ${people} read, ${crops} hand crops tried, ${sure} sure`);
    let n = 0;
    for (const t of vt.times) {
      const frame = readY4mFrame(bytes, t.frame);
      const r = await engine.engine.caption({ pixels: frame.data, width: frame.width, height: frame.height });
      const hands = parseCaption(r.refined!.text).hands;
      n += hands.length > 0 ? 1 : 0;
      console.log(`  vtest frame ${t.frame}: ${r.refined!.text}`);
    }
    console.log(`  vtest: ${n} of ${vt.times.length} labelled frames say a hand`);
  }
  await engine.dispose();

  const firstCrop = first.crop;
  if (firstCrop) {
    const runs = Number(values.runs);
    const ms: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const t0 = performance.now();
      await readHand(backend, firstCrop.frame, firstCrop.hand.crop, firstCrop.hand.side);
      if (i >= 2) ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    const q = (f: number) => ms[Math.min(ms.length - 1, Math.floor(f * ms.length))].toFixed(1);
    console.log(
      `3. one hand crop (sampling 224x224 + hand.onnx + decode), onnxruntime-node 1 thread: median ${q(0.5)} ms (p25 ${q(0.25)}, p75 ${q(0.75)}, ${runs} runs)`,
    );
  }
  await backend.close();
}

await main();
