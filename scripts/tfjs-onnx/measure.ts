/**
 * `npx tsx scripts/tfjs-onnx/measure.ts [PHOTO...]`: the figures in docs/model-conversion.md.
 *  1. CenterNet vs NanoDet in TF.js (CPU backend, Node) on the same photos: time per image and the classes each
 *     finds (score >= 0.3; NanoDet's scores read as @vladmandic/human does, per grid cell, no box decode needed).
 *  2. onnxruntime-node time per image of every converted file (detector at 512, 320, 256), median of a few runs.
 */
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { centernetRows } from '../../src/core/real/centernet-decode';
import { COCO_LABELS } from '../../src/core/real/coco-labels';
import { modelsDir, sourceDir } from './build';
import { DEFAULT_PHOTOS, readJpeg, resizeToSquare, resolvePhoto } from './photos';
import { loadTfjs, runTfjs } from './tfjs-run';
import { loadavg } from 'node:os';

const THRESHOLD = 0.3;

function classesOf(found: Map<number, number>): string {
  return (
    [...found]
      .sort((a, b) => b[1] - a[1])
      .map(([c, s]) => `${COCO_LABELS[c]} ${s.toFixed(2)}`)
      .join(', ') || '(none)'
  );
}

async function detectors(photos: string[]): Promise<void> {
  const center = await loadTfjs(join(sourceDir(), 'centernet.json'));
  const nano = await loadTfjs(join(sourceDir(), 'nanodet.json'));
  const outs = ['Identity', 'Identity_1', 'Identity_2'];
  for (const p of photos) {
    const img = readJpeg(resolvePhoto(p));
    // CenterNet: 512 stretched, 0..255.
    const x1 = resizeToSquare(img, 512);
    let t = performance.now();
    const [det] = await runTfjs(center, { dims: [1, 512, 512, 3], data: x1 }, 'float32', ['tower_0/detections']);
    const tCenter = performance.now() - t;
    const cFound = new Map<number, number>();
    for (let i = 0; i < det.data.length; i += 6) {
      const s = det.data[i + 4];
      const c = det.data[i + 5];
      if (s >= THRESHOLD) cFound.set(c, Math.max(cFound.get(c) ?? 0, s));
    }
    // NanoDet: 416 stretched, /255, NCHW.
    const rgb = resizeToSquare(img, 416);
    const nchw = new Float32Array(3 * 416 * 416);
    for (let i = 0; i < 416 * 416; i++) for (let c = 0; c < 3; c++) nchw[c * 416 * 416 + i] = rgb[3 * i + c] / 255;
    t = performance.now();
    const scores = await runTfjs(nano, { dims: [1, 3, 416, 416], data: nchw }, 'float32', outs);
    const tNano = performance.now() - t;
    const nFound = new Map<number, number>();
    for (const s of scores)
      for (let i = 0; i < s.data.length; i++) {
        const c = i % 80;
        if (s.data[i] >= THRESHOLD && c !== 61) nFound.set(c, Math.max(nFound.get(c) ?? 0, s.data[i]));
      }
    console.log(
      `${p}: CenterNet ${tCenter.toFixed(0)} ms [${classesOf(cFound)}] | NanoDet ${tNano.toFixed(0)} ms [${classesOf(nFound)}]`,
    );
  }
}

async function median(s: ort.InferenceSession, feeds: Record<string, ort.Tensor>, n: number): Promise<number> {
  await s.run(feeds);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await s.run(feeds);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)];
}

async function onnxTimes(photo: string, threads: number): Promise<void> {
  const img = readJpeg(resolvePhoto(photo));
  const opts = { intraOpNumThreads: threads, interOpNumThreads: 1 };
  const det = await ort.InferenceSession.create(join(modelsDir(), 'detector.onnx'), opts);
  const parts: string[] = [];
  for (const size of [512, 320, 256]) {
    const feeds = { images: new ort.Tensor('float32', resizeToSquare(img, size), [1, size, size, 3]) };
    const ms = await median(det, feeds, 7);
    const o = await det.run(feeds);
    const rows = centernetRows({
      heatmap: o.heatmap.data as Float32Array,
      wh: o.wh.data as Float32Array,
      gridH: o.heatmap.dims[1],
      gridW: o.heatmap.dims[2],
    });
    parts.push(`detector@${size} ${ms.toFixed(1)} ms (${rows.filter((r) => r[4] >= THRESHOLD).length} dets)`);
  }
  for (const [file, name, size, ch] of [
    ['pose.onnx', 'image', 192, 3],
    ['face.onnx', 'image', 256, 3],
    ['expression.onnx', 'image', 64, 3],
    ['hand.onnx', 'image', 224, 3],
  ] as const) {
    const s = await ort.InferenceSession.create(join(modelsDir(), file), opts);
    const ms = await median(
      s,
      { [name]: new ort.Tensor('float32', resizeToSquare(img, size), [1, size, size, ch]) },
      7,
    );
    parts.push(`${file.replace('.onnx', '')}@${size} ${ms.toFixed(1)} ms`);
  }
  console.log(`onnxruntime-node, ${threads} thread(s), ${photo}: ${parts.join(', ')}`);
}

const args = process.argv.slice(2);
const photos = args.filter((a) => !a.startsWith('--'));
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (machine shared; timings are indicative)`,
);
if (!args.includes('--onnx-only')) await detectors(photos.length ? photos : DEFAULT_PHOTOS);
for (const threads of [1, 2]) await onnxTimes(photos[0] ?? 'dog.jpg', threads);
