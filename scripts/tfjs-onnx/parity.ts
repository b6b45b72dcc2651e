/**
 * `npm run models:parity [-- PHOTO...]`: runs each converted ONNX file (onnxruntime-node) and the original TF.js
 * graph (@tensorflow/tfjs, pure-JS CPU backend) on the same real photos and prints, per model and output, the
 * largest absolute difference; for the detector it also checks that the TypeScript decode reproduces TF.js's own
 * `tower_0/detections`; for the hand model it also compares the crops MoveNet's wrists place on each photo.
 * Photos: arguments (paths or file names), default darknet's dog, person, horses and kite from .cache/real-photos
 * (scripts/real-photos/fetch.ts) or $GLANCE_REAL_PHOTOS. Exit code 1 when a check fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { centernetRows, type CenternetRow } from '../../src/core/real/centernet-decode';
import { stretchMapping } from '../../src/core/real/centernet-decode';
import { COCO_LABELS } from '../../src/core/real/coco-labels';
import { sampleHandCrop } from '../../src/core/real/hand-crop';
import { HAND_INPUT } from '../../src/core/real/hand-decode';
import { handCrops } from '../../src/core/real/hand-look';
import { decodeMovenet } from '../../src/core/real/movenet-decode';
import { modelsDir } from './build';
import { OUT_DIR, RECIPES, type ModelRecipe } from './models';
import { DEFAULT_PHOTOS, readJpeg, resizeToSquare, resolvePhoto, type Rgb } from './photos';
import { sanity } from './sanity';
import { loadTfjs, runTfjs, type Arr } from './tfjs-run';
import { onnxInput, preprocess, PARITY_LIMITS } from './preprocess';

const DETECTION_THRESHOLD = 0.3;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): { abs: number; rel: number } {
  if (a.length !== b.length) return { abs: Infinity, rel: Infinity };
  let m = 0;
  let r = 0;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i] - b[i]));
    r = Math.max(r, Math.abs(b[i]));
  }
  return { abs: m, rel: m / Math.max(1, r) };
}

/** Compares decoded rows (from ONNX outputs) with TF.js's detections above the threshold. */
function compareDetections(ours: CenternetRow[], ref: ArrayLike<number>): { ok: boolean; text: string } {
  const refRows: CenternetRow[] = [];
  for (let i = 0; i + 6 <= ref.length; i += 6) refRows.push(Array.from(ref).slice(i, i + 6) as CenternetRow);
  const above = refRows.filter((r) => r[4] >= DETECTION_THRESHOLD);
  const mine = ours.filter((r) => r[4] >= DETECTION_THRESHOLD);
  let worstBox = 0;
  let worstScore = 0;
  let ok = above.length === mine.length;
  for (const r of above) {
    const m = mine.find(
      (o) =>
        o[5] === r[5] &&
        Math.abs(o[0] - r[0]) <= 1 &&
        Math.abs(o[1] - r[1]) <= 1 &&
        Math.abs(o[2] - r[2]) <= 1 &&
        Math.abs(o[3] - r[3]) <= 1,
    );
    if (!m) {
      ok = false;
      continue;
    }
    worstBox = Math.max(worstBox, ...[0, 1, 2, 3].map((k) => Math.abs(m[k] - r[k])));
    worstScore = Math.max(worstScore, Math.abs(m[4] - r[4]));
  }
  ok &&= worstScore <= 1e-3;
  const names = above.map((r) => `${COCO_LABELS[r[5]]} ${r[4].toFixed(2)}`).join(', ');
  return {
    ok,
    text: `detections >= ${DETECTION_THRESHOLD}: TF.js ${above.length}, ours ${mine.length}; box diff ${worstBox.toFixed(4)} px, score diff ${worstScore.toExponential(1)} [${names}]`,
  };
}

async function parityFor(recipe: ModelRecipe, photos: { name: string; img: Rgb }[]): Promise<boolean> {
  const onnxPath = join(modelsDir(), recipe.file);
  if (!existsSync(onnxPath)) throw new Error(`${onnxPath} missing: run npm run models:real first`);
  const session = await ort.InferenceSession.create(onnxPath);
  // The app's runtime: onnxruntime-web's WASM build runs in Node too (single thread).
  ortWeb.env.wasm.numThreads = 1;
  const web = await ortWeb.InferenceSession.create(readFileSync(onnxPath), { executionProviders: ['wasm'] });
  const tfModel = await loadTfjs(join('node_modules', '@vladmandic', 'human-models', 'models', recipe.source));
  const limit = PARITY_LIMITS[recipe.key];
  let ok = true;
  const worst: Record<string, number> = {};
  for (const { name, img } of photos) {
    const input = preprocess(recipe.key, img, recipe.size);
    const dims = [1, recipe.size, recipe.size, recipe.key === 'expression' ? 1 : 3];
    const extraTf = recipe.key === 'detector' ? ['tower_0/detections'] : [];
    const tfOut = await runTfjs(tfModel, { dims, data: input }, recipe.key === 'pose' ? 'int32' : 'float32', [
      ...recipe.tfOutputs,
      ...extraTf,
    ]);
    const t0 = performance.now();
    const fed = onnxInput(recipe.key, img, recipe.size);
    const inDims = [1, recipe.size, recipe.size, 3];
    const res = await session.run({ [recipe.convert.input.name]: new ort.Tensor('float32', fed, inDims) });
    const ms = performance.now() - t0;
    const parts: string[] = [];
    recipe.convert.outputs.forEach((o, i) => {
      const d = maxAbsDiff(res[o.name].data as Float32Array, tfOut[i].data);
      worst[o.name] = Math.max(worst[o.name] ?? 0, d.abs);
      if (!(d.rel <= limit)) ok = false;
      parts.push(`${o.name} max|diff| ${d.abs.toExponential(2)} (relative to max|TF.js| ${d.rel.toExponential(2)})`);
    });
    const webRes = await web.run({ [recipe.convert.input.name]: new ortWeb.Tensor('float32', fed, inDims) });
    const webDiff = Math.max(
      ...recipe.convert.outputs.map(
        (o) => maxAbsDiff(webRes[o.name].data as Float32Array, res[o.name].data as Float32Array).rel,
      ),
    );
    worst['web-vs-node (relative)'] = Math.max(worst['web-vs-node (relative)'] ?? 0, webDiff);
    if (!(webDiff <= limit)) ok = false;
    parts.push(`onnxruntime-web WASM vs node ${webDiff.toExponential(1)} relative`);
    console.log(`  ${recipe.key} ${name}: ${parts.join(', ')} (onnxruntime-node ${ms.toFixed(0)} ms)`);
    if (recipe.key === 'detector') {
      const heat = res.heatmap;
      const [, gh, gw] = heat.dims;
      const rows = centernetRows({
        heatmap: heat.data as Float32Array,
        wh: res.wh.data as Float32Array,
        gridH: gh,
        gridW: gw,
      });
      const cmp = compareDetections(rows, (tfOut[2] as Arr).data);
      if (!cmp.ok) ok = false;
      console.log(`    ${cmp.ok ? 'ok  ' : 'FAIL'} ${cmp.text}`);
    }
  }
  if (recipe.key === 'hand') {
    // Whole photos rarely show a hand: also the crops the captioner would take, placed from MoveNet's elbows and
    // wrists on the whole photo, so presence and landmarks are compared where a hand is.
    for (const { name, img } of photos) {
      for (const crop of await poseHandCrops(img)) {
        const fed = crop.data;
        const dims = [1, recipe.size, recipe.size, 3];
        const tfOut = await runTfjs(tfModel, { dims, data: fed.map((v) => v / 255) }, 'float32', recipe.tfOutputs);
        const res = await session.run({ image: new ort.Tensor('float32', fed, dims) });
        const parts = recipe.convert.outputs.map((o, i) => {
          const d = maxAbsDiff(res[o.name].data as Float32Array, tfOut[i].data);
          worst[o.name] = Math.max(worst[o.name] ?? 0, d.abs);
          if (!(d.rel <= limit)) ok = false;
          return `${o.name} ${d.abs.toExponential(2)}`;
        });
        const presence = (res.presence.data as Float32Array)[0];
        console.log(
          `  hand ${name} ${crop.side} hand crop (presence ${presence.toFixed(3)}): max|diff| ${parts.join(', ')}`,
        );
      }
    }
  }
  console.log(
    `  ${recipe.key}: worst ${Object.entries(worst)
      .map(([k, v]) => `${k} ${v.toExponential(2)}`)
      .join(', ')} (limit ${limit} relative to max(1, max|TF.js|)) -> ${ok ? 'ok' : 'FAIL'}`,
  );
  return ok;
}

/** The hand crops MoveNet's keypoints place on the whole photo (pose.onnx at 192, stretched), as 224 px inputs. */
async function poseHandCrops(img: Rgb): Promise<{ side: string; data: Float32Array }[]> {
  poseSession ??= await ort.InferenceSession.create(join(modelsDir(), 'pose.onnx'));
  const x = resizeToSquare(img, 192).map(Math.round);
  const out = await poseSession.run({ image: new ort.Tensor('float32', x, [1, 192, 192, 3]) });
  const keypoints = decodeMovenet(
    out.keypoints.data as Float32Array,
    stretchMapping({ x: 0, y: 0, w: img.width, h: img.height }, 192),
  );
  const frame = { width: img.width, height: img.height, data: new Uint8Array(img.width * img.height * 4) };
  for (let i = 0; i < img.width * img.height; i++) frame.data.set([...img.data.subarray(i * 3, i * 3 + 3), 255], i * 4);
  return handCrops(keypoints).map(({ side, crop }) => ({ side, data: sampleHandCrop(frame, crop, HAND_INPUT) }));
}
let poseSession: ort.InferenceSession | undefined;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.filter((a) => a.startsWith('--model=')).map((a) => a.slice(8));
  const photoArgs = args.filter((a) => !a.startsWith('--'));
  const photos = (photoArgs.length ? photoArgs : DEFAULT_PHOTOS).map((p) => ({
    name: p.split('/').pop() as string,
    img: readJpeg(resolvePhoto(p)),
  }));
  console.log(`parity on ${photos.length} photo(s), ONNX in ${OUT_DIR}`);
  let ok = true;
  for (const r of RECIPES) {
    if (only.length && !only.includes(r.key)) continue;
    ok = (await parityFor(r, photos)) && ok;
  }
  if (!only.length) {
    console.log('what the converted models find (TypeScript decoders):');
    const sessions = Object.fromEntries(
      await Promise.all(
        RECIPES.map(async (r) => [r.key, await ort.InferenceSession.create(join(modelsDir(), r.file))]),
      ),
    );
    for (const { name, img } of photos) {
      const res = await sanity(sessions, name, img);
      for (const l of res.lines) console.log(l);
      if (!res.ok) {
        ok = false;
        console.log(`    ${name}: FAIL the best detection is found on its crop at neither 320 nor 256`);
      }
    }
  }
  if (!ok) {
    console.error('parity FAILED');
    process.exit(1);
  }
  console.log('parity ok');
}

await main();
