/**
 * Software rasteriser for world scenes: pure TypeScript, no canvas, so Node (datasets) and the browser (demo
 * camera) produce identical bytes. Only + - * /, Math.floor/round/sqrt/abs: all exactly specified in IEEE-754.
 */
import { paintBackground } from './background';
import { COLOUR_RGB, patternTones } from './palette';
import type { Pattern, Scene, WorldObject } from './scene';
import { INSIDE } from './shapes';

/** Supersampling grid per axis at edge pixels (and for patterns): 4x4 = 16 coverage levels. */
const SUBSAMPLES = 4;
/** Objects narrower than this many pixels are supersampled everywhere, so thin star tips survive. */
const ALWAYS_SUPERSAMPLE_BELOW_PX = 16;
/**
 * Pattern pitch relative to the object extent, with a floor in scene units: a small object's 3-4 px stripes
 * are readable at full resolution and average out to a flat tone at 1/4 resolution.
 */
const STRIPE_PERIOD_OF_EXTENT = 1 / 5;
const STRIPE_PERIOD_MIN = 3.2 / 256;
const DOT_PITCH_OF_EXTENT = 1 / 4.5;
const DOT_PITCH_MIN = 3.5 / 256;
const DOT_RADIUS_OF_PITCH = 0.3;

/** Share of a patterned object's area in the second tone (stripes: half; dots: pi r^2 of each cell). */
const TONE_FRACTION: Readonly<Record<Pattern, number>> = {
  plain: 0,
  striped: 0.5,
  dotted: Math.PI * DOT_RADIUS_OF_PITCH * DOT_RADIUS_OF_PITCH,
};

/** True where the pattern shows its second tone, at (dx, dy) pixels from the object centre. */
type PatternTest = (dx: number, dy: number) => boolean;

function patternTest(pattern: Pattern, extentPx: number, size: number): PatternTest | null {
  if (pattern === 'striped') {
    const period = Math.max(extentPx * STRIPE_PERIOD_OF_EXTENT, STRIPE_PERIOD_MIN * size);
    // Diagonal stripes, `period` measured across them.
    const scale = 1 / (period * Math.SQRT2);
    return (dx, dy) => (Math.floor((dx + dy) * scale) & 1) === 1;
  }
  if (pattern === 'dotted') {
    const pitch = Math.max(extentPx * DOT_PITCH_OF_EXTENT, DOT_PITCH_MIN * size);
    const inv = 1 / pitch;
    const r2 = DOT_RADIUS_OF_PITCH * DOT_RADIUS_OF_PITCH;
    return (dx, dy) => {
      let fx = dx * inv;
      let fy = dy * inv;
      fx -= Math.round(fx);
      fy -= Math.round(fy);
      return fx * fx + fy * fy <= r2;
    };
  }
  return null;
}

function drawObject(data: Uint8ClampedArray, size: number, object: WorldObject): void {
  const plainColour = COLOUR_RGB[object.colour];
  const tones =
    object.pattern === 'plain'
      ? { base: plainColour, tone: plainColour }
      : patternTones(plainColour, TONE_FRACTION[object.pattern]);
  const [r, g, b] = tones.base;
  const [tr, tg, tb] = tones.tone;
  const inside = INSIDE[object.shape];
  const extentPx = object.extent * size;
  const half = extentPx / 2;
  const inv = 1 / half;
  const cx = object.cx * size;
  const cy = object.cy * size;
  const tone = patternTest(object.pattern, extentPx, size);
  const x0 = Math.max(0, Math.floor(cx - half));
  const y0 = Math.max(0, Math.floor(cy - half));
  const x1 = Math.min(size, Math.ceil(cx + half));
  const y1 = Math.min(size, Math.ceil(cy + half));
  const w = x1 - x0;
  const supersampleAll = extentPx < ALWAYS_SUPERSAMPLE_BELOW_PX;
  // Inside flags at pixel corners: a pixel whose 4 corners agree is entirely in or out (shapes have no
  // features thinner than a pixel at these sizes), so only edge pixels pay for supersampling.
  const corners = new Uint8Array((w + 1) * (y1 - y0 + 1));
  if (!supersampleAll) {
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++)
        corners[(y - y0) * (w + 1) + (x - x0)] = inside((x - cx) * inv, (y - cy) * inv) ? 1 : 0;
    }
  }
  const n = SUBSAMPLES * SUBSAMPLES;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      let decided = -1;
      if (!supersampleAll) {
        const k = (y - y0) * (w + 1) + (x - x0);
        const sum = corners[k] + corners[k + 1] + corners[k + w + 1] + corners[k + w + 2];
        if (sum === 0) continue;
        if (sum === 4) decided = 1;
      }
      let covered = 0;
      let toned = 0;
      if (decided === 1 && !tone) {
        covered = n;
      } else {
        for (let j = 0; j < SUBSAMPLES; j++) {
          const dy = y + (j + 0.5) / SUBSAMPLES - cy;
          for (let i = 0; i < SUBSAMPLES; i++) {
            const dx = x + (i + 0.5) / SUBSAMPLES - cx;
            if (decided !== 1 && !inside(dx * inv, dy * inv)) continue;
            covered++;
            if (tone && tone(dx, dy)) toned++;
          }
        }
        if (covered === 0) continue;
      }
      const plain = covered - toned;
      const rest = n - covered;
      const o = (y * size + x) * 4;
      data[o] = Math.round((data[o] * rest + r * plain + tr * toned) / n);
      data[o + 1] = Math.round((data[o + 1] * rest + g * plain + tg * toned) / n);
      data[o + 2] = Math.round((data[o + 2] * rest + b * plain + tb * toned) / n);
    }
  }
}

/** Renders `scene` as size x size RGBA pixels (alpha 255). Same scene and size give the same bytes everywhere. */
export function renderScene(scene: Scene, size: number): Uint8ClampedArray<ArrayBuffer> {
  const data = new Uint8ClampedArray(size * size * 4);
  paintBackground(data, size, scene.background);
  for (const object of scene.objects) drawObject(data, size, object);
  return data;
}
