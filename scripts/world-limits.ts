/**
 * Measures the scene-world model's out-of-domain test (src/core/world-limits.ts) and prints the figures of
 * docs/world.md: the flat and moderate-step shares and the test's refusals on the first 1,000 test-split scenes,
 * on camera-like copies of the first 200 (blur, JPEG, noise, 4:2:0 chroma, all together), on the first 1,000
 * crowded test scenes and camera copies of 200 of them, and on the real photos.
 *
 *   npx tsx scripts/world-limits.ts [--count 1000] [--degraded 200] [--photos DIR] [--tokens N]
 *   --tokens N: also run the world model (onnxruntime-node) on N scenes and the photos and print the mean token
 *               log-probability of its greedy first caption, the other candidate signal (slow: ~0.2 s a picture)
 *
 * Scenes are rendered from their seeds (the same bytes as data/world/test's PNGs, docs/dataset-format.md);
 * photos come from `npm run photos:real` (.cache/real-photos/photos), centre-cropped as the app fits them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCli } from './cli';
import type { InferenceBackend, TensorRef } from '../src/core/backend';
import { createCaptioner } from '../src/core/captioner';
import { fitToSquare } from '../src/core/image/resize';
import {
  CHECKED_SQUARE_PX as S,
  MAX_MODERATE_SHARE,
  MIN_FLAT_SHARE,
  checkWorldDomain,
  stepShares,
} from '../src/core/world-limits';
import { decodeImage } from '../src/node/decode-image';
import { loadNodeCaptioner } from '../src/node/load-captioner';
import { jpegRoundTrip } from '../src/world/camera';
import { sceneSeed } from '../src/world/random';
import { renderScene } from '../src/world/render';
import { sampleScene } from '../src/world/scene';
import { SPLITS, SPLIT_SEEDS } from '../src/world/splits';

const { values } = parseCli(import.meta.url, {
  options: {
    count: { type: 'string', default: '1000' },
    degraded: { type: 'string', default: '200' },
    photos: { type: 'string', default: '.cache/real-photos/photos' },
    tokens: { type: 'string', default: '0' },
  },
});
const COUNT = Number(values.count);
const DEGRADED = Number(values.degraded);
const TOKENS = Number(values.tokens);

type Rgba = Uint8Array;
/** A picture's shares and whether checkWorldDomain refuses it. */
interface Measured {
  flat: number;
  moderate: number;
  refused: boolean;
}
const measure = (p: Rgba): Measured => {
  const square = { data: p, size: S, channels: 4 as const };
  return { ...stepShares(square), refused: checkWorldDomain(square) !== null };
};
const worldScene = (i: number): Rgba =>
  new Uint8Array(renderScene(sampleScene(sceneSeed(SPLIT_SEEDS.test, i)), S).buffer);
const crowdedScene = (i: number): Rgba => {
  const { seed, objects } = SPLITS['test-crowded'];
  return new Uint8Array(renderScene(sampleScene(sceneSeed(seed, i), objects), S).buffer);
};

function map(p: Rgba, f: (v: number) => number): Rgba {
  return p.map((v, i) => (i % 4 === 3 ? 255 : Math.max(0, Math.min(255, Math.round(f(v))))));
}
/** 3x3 binomial blur (a slightly soft lens). */
function blur(p: Rgba): Rgba {
  const out = new Uint8Array(p);
  const k = [1, 2, 1];
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++)
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let j = -1; j <= 1; j++)
          for (let i = -1; i <= 1; i++) {
            const yy = Math.min(S - 1, Math.max(0, y + j));
            const xx = Math.min(S - 1, Math.max(0, x + i));
            sum += k[j + 1] * k[i + 1] * p[(yy * S + xx) * 4 + c];
          }
        out[(y * S + x) * 4 + c] = Math.round(sum / 16);
      }
  return out;
}
const jpeg = (p: Rgba, quality: number): Rgba =>
  new Uint8Array(jpegRoundTrip(new Uint8ClampedArray(p.buffer, p.byteOffset, p.length), S, quality).buffer);
let rngState = 7;
const uniform = () => (rngState = (Math.imul(rngState, 1103515245) + 12345) >>> 0) / 2 ** 32;
/** Sensor noise: roughly Gaussian, `sd` levels. */
const noise = (p: Rgba, sd: number) => map(p, (v) => v + (uniform() + uniform() + uniform() - 1.5) * 2 * sd);
/** BT.601 YCbCr with chroma averaged over 2x2 blocks, as a 4:2:0 webcam stream (the fake webcam's .y4m). */
function chroma420(p: Rgba): Rgba {
  const out = new Uint8Array(p);
  const ycc = (o: number) => {
    const [r, g, b] = [p[o], p[o + 1], p[o + 2]];
    return [0.299 * r + 0.587 * g + 0.114 * b, -0.1687 * r - 0.3313 * g + 0.5 * b, 0.5 * r - 0.4187 * g - 0.0813 * b];
  };
  for (let y = 0; y < S; y += 2)
    for (let x = 0; x < S; x += 2) {
      const px = [0, 1, S, S + 1].map((d) => (y * S + x + d) * 4);
      const all = px.map(ycc);
      const cb = all.reduce((a, v) => a + v[1], 0) / 4;
      const cr = all.reduce((a, v) => a + v[2], 0) / 4;
      px.forEach((o, k) => {
        const Y = all[k][0];
        out[o] = clamp(Y + 1.402 * cr);
        out[o + 1] = clamp(Y - 0.3441 * cb - 0.7141 * cr);
        out[o + 2] = clamp(Y + 1.772 * cb);
      });
    }
  return out;
}
const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
/** A webcam pointed at the demo on a screen: soft, duller (screen black level), noisy, 4:2:0, JPEG 75. */
const camera = (p: Rgba) =>
  jpeg(
    chroma420(
      noise(
        map(blur(p), (v) => 20 + 0.85 * v),
        3,
      ),
    ),
    75,
  );

function summary(name: string, measured: readonly Measured[]): void {
  const v = measured.map((m) => m.flat).sort((a, b) => a - b);
  const q = (f: number) => v[Math.min(v.length - 1, Math.floor(f * (v.length - 1)))].toFixed(3);
  const moderate = Math.max(...measured.map((m) => m.moderate)).toFixed(3);
  const underFlat = v.filter((f) => f < MIN_FLAT_SHARE).length;
  const refused = measured.filter((m) => m.refused).length;
  console.log(
    `${name.padEnd(22)} n=${String(v.length).padStart(4)}  flat min ${q(0)}  p1 ${q(0.01)}  median ${q(0.5)}  ` +
      `max ${q(1)}  moderate max ${moderate}  under the flat line ${underFlat}  refused ${refused}/${v.length}`,
  );
}

/** Quantiles of any figure (the token signal's). */
function spread(name: string, values: readonly number[]): void {
  const v = [...values].sort((a, b) => a - b);
  const q = (f: number) => v[Math.min(v.length - 1, Math.floor(f * (v.length - 1)))].toFixed(3);
  console.log(
    `${name.padEnd(22)} n=${String(v.length).padStart(4)}  min ${q(0)}  p1 ${q(0.01)}  median ${q(0.5)}  max ${q(1)}`,
  );
}

function photos(): { name: string; pixels: Rgba }[] {
  if (!existsSync(values.photos!)) throw new Error(`${values.photos} not found: run npm run photos:real first`);
  return readdirSync(values.photos!)
    .filter((f) => /\.(png|jpe?g)$/i.test(f))
    .sort()
    .map((name) => {
      const image = decodeImage(new Uint8Array(readFileSync(join(values.photos!, name))), name);
      return { name, pixels: fitToSquare(image, S, 'center-crop', [0, 0, 0]).pixels };
    });
}

const world: Measured[] = [];
const degraded: Record<string, Measured[]> = {
  blur: [],
  'jpeg q60': [],
  'noise sd 3': [],
  '4:2:0 chroma': [],
  camera: [],
};
const crowded: Measured[] = [];
const crowdedCamera: Measured[] = [];
for (let i = 0; i < COUNT; i++) {
  const p = worldScene(i);
  world.push(measure(p));
  const c = crowdedScene(i);
  crowded.push(measure(c));
  if (i >= DEGRADED) continue;
  degraded.blur.push(measure(blur(p)));
  degraded['jpeg q60'].push(measure(jpeg(p, 60)));
  degraded['noise sd 3'].push(measure(noise(p, 3)));
  degraded['4:2:0 chroma'].push(measure(chroma420(p)));
  degraded.camera.push(measure(camera(p)));
  crowdedCamera.push(measure(camera(c)));
}
const real = photos().map((p) => ({ ...p, ...measure(p.pixels) }));

console.log(`flat share = share of 64x64 global-view pixels within 10 levels of their right and lower neighbours;`);
console.log(
  `moderate share = those 11-30 levels off. Refused: flat < ${MIN_FLAT_SHARE} and moderate > ${MAX_MODERATE_SHARE}\n`,
);
for (const r of real) {
  const verdict = r.refused ? 'refused' : 'ACCEPTED';
  console.log(`  ${r.name.padEnd(26)} flat ${r.flat.toFixed(3)}  moderate ${r.moderate.toFixed(3)}  ${verdict}`);
}
console.log();
summary(`world test 0-${COUNT - 1}`, world);
for (const [name, measured] of Object.entries(degraded)) summary(`world ${name}`, measured);
summary(`crowded test 0-${COUNT - 1}`, crowded);
summary('crowded camera', crowdedCamera);
summary('real photos', real);
const falseAlarms = [...world, ...crowded].filter((m) => m.refused).length;
const detected = real.filter((r) => r.refused).length;
console.log(`\nfalse alarms on world scenes (test and crowded test): ${falseAlarms} / ${2 * COUNT}`);
console.log(`real photos refused: ${detected} / ${real.length} (${((100 * detected) / real.length).toFixed(0)} %)`);

if (TOKENS > 0) await tokenSignal(real);

/** Mean log-probability of the greedy first caption's tokens (with </s>), read from the decoder's logits. */
async function tokenSignal(real: { name: string; pixels: Rgba }[]): Promise<void> {
  const node = await loadNodeCaptioner(join(import.meta.dirname, '..', 'public', 'models', 'glance-world-v3'));
  const V = node.config.decoder.vocab_size;
  const inner = node.backend as InferenceBackend;
  const logits = new WeakSet<TensorRef>();
  let logProbs: number[] = [];
  // Wraps the backend to see every logits tensor the decoder returns; the last row is the step's distribution.
  const backend: InferenceBackend = {
    name: inner.name,
    signature: (part) => inner.signature(part),
    create: ((type: 'float32', data: Float32Array, dims: readonly number[]) =>
      inner.create(type, data, dims)) as InferenceBackend['create'],
    async run(part, feeds, keep) {
      const out = await inner.run(part, feeds, keep);
      if (out.logits) logits.add(out.logits);
      return out;
    },
    async read(tensor) {
      const data = await inner.read(tensor);
      if (logits.has(tensor)) {
        const row = data.subarray(data.length - V);
        let max = -Infinity;
        for (const v of row) max = Math.max(max, v);
        let total = 0;
        for (const v of row) total += Math.exp(v - max);
        logProbs.push(-Math.log(total)); // log p of the argmax token
      }
      return data;
    },
    release: (tensor) => inner.release(tensor),
  };
  const captioner = createCaptioner(backend, { config: node.config, tokenizer: node.tokenizer });
  // The token signal is the model's own: measure it with the pixel test out of the way. A geometry whose
  // picture area is empty leaves flatShare nothing to count (1, in domain); regions are not looked at here.
  const noPicture = {
    mode: 'center-crop' as const,
    frameWidth: S,
    frameHeight: S,
    size: S,
    src: { x: 0, y: 0, w: S, h: S },
    dst: { x: 0, y: 0, w: 0, h: 0 },
  };
  const meanLogProb = async (pixels: Rgba) => {
    logProbs = [];
    await captioner.caption({ pixels, geometry: noPicture }, { refine: false });
    return logProbs.reduce((a, v) => a + v, 0) / logProbs.length;
  };
  const w: number[] = [];
  for (let i = 0; i < TOKENS; i++) w.push(await meanLogProb(worldScene(i)));
  const r: number[] = [];
  for (const p of real) r.push(await meanLogProb(p.pixels));
  await node.dispose();
  const cut = Math.min(...w);
  console.log(`\ntoken signal: mean log p of the greedy first caption (world model, ${TOKENS} world scenes)`);
  spread('world (log p)', w);
  spread('real photos (log p)', r);
  console.log(
    `photos below the lowest world scene (${cut.toFixed(3)}): ${r.filter((v) => v < cut).length} / ${r.length}`,
  );
}
