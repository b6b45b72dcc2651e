import * as ort from 'onnxruntime-node';
import { decodeBlazeface, expressionScores } from '../../src/core/real/blazeface-decode';
import { decodeCenternet, stretchMapping } from '../../src/core/real/centernet-decode';
import { decodeMovenet } from '../../src/core/real/movenet-decode';
import type { Box } from '../../src/core/real/types';
import { resizeToSquare, type Rgb } from './photos';

/**
 * What the converted models say about a real photo through Glance's own TypeScript decoders (informative lines
 * for models:parity and docs): detections at 512, 320 and 256, and at 320 on a crop around the best detection;
 * faces, pose and expression.
 */

type Sessions = Partial<Record<'detector' | 'pose' | 'face' | 'expression', ort.InferenceSession>>;

async function detect(s: ort.InferenceSession, img: Rgb, size: number, region: Box) {
  const x = resizeToSquare(img, size, region);
  const t0 = performance.now();
  const o = await s.run({ images: new ort.Tensor('float32', x, [1, size, size, 3]) });
  const ms = performance.now() - t0;
  const [, gh, gw] = o.heatmap.dims;
  const dec = decodeCenternet(
    { heatmap: o.heatmap.data as Float32Array, wh: o.wh.data as Float32Array, gridH: gh, gridW: gw },
    stretchMapping(region, size),
    { frame: { width: img.width, height: img.height } },
  );
  return { ...dec, ms };
}

const fmt = (d: { label: string; score: number }[]) =>
  d.map((x) => `${x.label} ${x.score.toFixed(2)}`).join(', ') || '(none)';

export async function sanity(s: Sessions, name: string, img: Rgb): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  let ok = true;
  const whole = { x: 0, y: 0, w: img.width, h: img.height };
  if (s.detector) {
    const full = await detect(s.detector, img, 512, whole);
    lines.push(`detector 512: ${fmt(full.detections)}; weak peaks ${full.weak.length}`);
    for (const size of [320, 256]) {
      const r = await detect(s.detector, img, size, whole);
      lines.push(`detector ${size}: ${fmt(r.detections)}`);
    }
    const best = full.detections[0];
    if (best) {
      // A square crop around the object with context (1.6x its longer side, at least half the photo's shorter
      // side: a tiny crop blown up 4x is not what the detector was trained on), as the second look would take.
      const b = best.box;
      const side = Math.min(Math.max(b.w * 1.6, b.h * 1.6, Math.min(img.width, img.height) / 2), img.width, img.height);
      const x = Math.min(Math.max(0, b.x + b.w / 2 - side / 2), img.width - side);
      const y = Math.min(Math.max(0, b.y + b.h / 2 - side / 2), img.height - side);
      const crop = { x, y, w: side, h: side };
      let foundAny = false;
      for (const size of [320, 256]) {
        const r = await detect(s.detector, img, size, crop);
        const found = r.detections.some((d) => d.classId === best.classId);
        foundAny ||= found;
        lines.push(
          `detector ${size} on the ${Math.round(side)} px square around '${best.label}': ${fmt(r.detections)} -> ${found ? 'found again' : 'NOT found'}`,
        );
      }
      if (!foundAny) ok = false;
    }
  }
  if (s.face) {
    const o = await s.face.run({ image: new ort.Tensor('float32', resizeToSquare(img, 256), [1, 256, 256, 3]) });
    const faces = decodeBlazeface(
      {
        logits16: o.logits16.data as Float32Array,
        boxes16: o.boxes16.data as Float32Array,
        logits32: o.logits32.data as Float32Array,
        boxes32: o.boxes32.data as Float32Array,
      },
      stretchMapping(whole, 256),
    );
    let expr = '';
    if (s.expression && faces[0]) {
      const f = faces[0].box;
      const crop = resizeToSquare(img, 64, { x: Math.max(0, f.x), y: Math.max(0, f.y), w: f.w, h: f.h });
      const e = await s.expression.run({ image: new ort.Tensor('float32', crop, [1, 64, 64, 3]) });
      const sc = Object.entries(expressionScores(e.probabilities.data as Float32Array)).sort((a, b) => b[1] - a[1]);
      expr = `; expression of face 1: ${sc
        .slice(0, 2)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', ')}`;
    }
    lines.push(
      `faces: ${faces.map((f) => `${f.score.toFixed(2)} at ${Math.round(f.box.x)},${Math.round(f.box.y)} ${Math.round(f.box.w)}x${Math.round(f.box.h)}`).join('; ') || '(none)'}${expr}`,
    );
  }
  if (s.pose) {
    const o = await s.pose.run({
      image: new ort.Tensor('float32', resizeToSquare(img, 192).map(Math.round), [1, 192, 192, 3]),
    });
    const kp = decodeMovenet(o.keypoints.data as Float32Array, stretchMapping(whole, 192), 0.3);
    lines.push(
      `pose (whole photo, score >= 0.3): ${kp.map((k) => `${k.name} ${Math.round(k.x)},${Math.round(k.y)}`).join(', ') || '(none)'}`,
    );
  }
  return { ok, lines: lines.map((l) => `    ${name}: ${l}`) };
}
