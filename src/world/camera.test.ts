import { describe, expect, it } from 'vitest';
import { CHECKED_SQUARE_PX, MIN_FLAT_SHARE, checkWorldDomain, flatShare } from '../core/world-limits';
import {
  CAMERA_RECIPE,
  cameraCorners,
  cameraHomography,
  cameraObjects,
  cameraShot,
  cameraShots,
  developCamera,
  drawCamera,
  identityCamera,
  jpegRoundTrip,
  jpegRoundTrips,
  localScale,
  mapPoint,
  warpPixels,
  type CameraSettings,
} from './camera';
import { COLOUR_RGB, colourDistance, luma, type Rgb } from './palette';
import { deriveSeed, sceneSeed } from './random';
import { renderScene } from './render';
import { cellAt, compareReadingOrder, sampleScene, type Scene, type WorldObject } from './scene';
import { SPLIT_SEEDS } from './splits';

const S = 256;
const testScene = (i: number) => sampleScene(sceneSeed(SPLIT_SEEDS.test, i));
/** The camera seed of test scene i, as the test-camera split would use it. */
const cameraSeed = (i: number) => deriveSeed(sceneSeed(SPLIT_SEEDS.test, i), 0xca);
const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Buffer.from(a as Uint8Array).equals(Buffer.from(b as Uint8Array));

/** Geometry of `settings` only: no colour change, blur, noise or JPEG. */
const geometryOnly = (s: CameraSettings): CameraSettings => ({
  ...identityCamera(),
  scale: s.scale,
  rotationDeg: s.rotationDeg,
  cornerShifts: s.cornerShifts,
});

describe('cameraShot', () => {
  it('gives the same bytes, truth and settings for the same scene, size and seed; another seed differs', () => {
    const scene = testScene(5);
    const a = cameraShot(scene, S, 42);
    const b = cameraShot(scene, S, 42);
    expect(same(a.rgba, b.rgba)).toBe(true);
    expect(b.objects).toEqual(a.objects);
    expect(b.applied).toEqual(a.applied);
    expect(a.rgba.length).toBe(S * S * 4);
    expect(same(cameraShot(scene, S, 43).rgba, a.rgba)).toBe(false);
    expect(cameraShot(scene, 100, 42).rgba.length).toBe(100 * 100 * 4);
  });

  it('draws every setting inside the recipe', () => {
    const R = CAMERA_RECIPE;
    const within = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;
    for (let i = 0; i < 300; i++) {
      const a = drawCamera(cameraSeed(i), testScene(i).objects, S);
      expect(a.geometryDraws).toBeGreaterThanOrEqual(1);
      expect(within(a.scale, R.scale) && within(a.rotationDeg, R.rotationDeg)).toBe(true);
      for (const [dx, dy] of a.cornerShifts) expect(Math.hypot(dx, dy)).toBeLessThanOrEqual(R.cornerShift);
      expect(within(a.contrast, R.contrast) && within(a.brightness, R.brightness)).toBe(true);
      for (const g of a.gain) expect(within(g, R.gain)).toBe(true);
      expect(within(a.blurSigmaPx256, R.blurSigmaPx256) && a.blurSigmaPx === a.blurSigmaPx256).toBe(true);
      expect(within(a.noiseSd, R.noiseSd)).toBe(true);
      expect(Number.isInteger(a.jpegQuality) && within(a.jpegQuality!, R.jpegQuality)).toBe(true);
    }
    expect(drawCamera(7, [], 128).blurSigmaPx).toBeCloseTo(drawCamera(7, [], 256).blurSigmaPx / 2, 12);
  });

  it('keeps the truth consistent: reading order, cells of the mapped centres, drawn sizes, all in frame', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ scene: testScene(i), seed: cameraSeed(i) }));
    cameraShots(items, 64).forEach((shot, i) => {
      const { scene } = items[i];
      expect(shot.objects).toHaveLength(scene.objects.length);
      expect([...shot.objects].sort(compareReadingOrder)).toEqual(shot.objects);
      const h = cameraHomography(shot.applied);
      for (const o of shot.objects) {
        expect(o.position).toBe(cellAt(o.cx, o.cy));
        const source = scene.objects.find((s) => s.shape === o.shape && s.colour === o.colour && s.size === o.size);
        expect(source).toBeDefined();
        const r = o.extent / 2;
        expect(o.cx - r >= 0 && o.cy - r >= 0 && o.cx + r <= 1 && o.cy + r <= 1).toBe(true);
      }
      // Same objects, mapped one by one.
      const mapped = scene.objects.map((o) => {
        const [cx, cy] = mapPoint(h, o.cx, o.cy);
        return { ...o, cx, cy, extent: o.extent * localScale(h, o.cx, o.cy), position: cellAt(cx, cy) };
      });
      expect(shot.objects).toEqual(mapped.sort(compareReadingOrder));
    });
  });
});

describe('warp math', () => {
  it('with every range at identity, the picture is the render, or its JPEG round trip', () => {
    for (const size of [256, 100]) {
      const rendered = renderScene(testScene(3), size);
      expect(same(developCamera(rendered, size, identityCamera()), rendered)).toBe(true);
      const jpeg = developCamera(rendered, size, identityCamera(75));
      expect(same(jpeg, jpegRoundTrip(rendered, size, 75))).toBe(true);
      expect(same(jpeg, rendered)).toBe(false);
    }
    expect(cameraHomography(identityCamera()).map((v) => v + 0)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const objects = testScene(3).objects;
    expect(cameraObjects(objects, cameraHomography(identityCamera()))).toEqual(objects);
  });

  it('maps the scene corners where the settings put them, and inverts exactly enough', () => {
    const settings = drawCamera(cameraSeed(11), testScene(11).objects, S);
    const h = cameraHomography(settings);
    const unit = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ];
    cameraCorners(settings).forEach(([x, y], k) => {
      const [u, v] = mapPoint(h, unit[k][0], unit[k][1]);
      expect(u).toBeCloseTo(x, 12);
      expect(v).toBeCloseTo(y, 12);
    });
  });

  it('a zoom about the centre scales distances and extents; a roll keeps them', () => {
    const zoom = cameraHomography({ ...identityCamera(), scale: 1.05 });
    const [u, v] = mapPoint(zoom, 0.2, 0.9);
    expect(u).toBeCloseTo(0.5 - 0.3 * 1.05, 12);
    expect(v).toBeCloseTo(0.5 + 0.4 * 1.05, 12);
    expect(localScale(zoom, 0.2, 0.9)).toBeCloseTo(1.05, 12);
    const roll = cameraHomography({ ...identityCamera(), rotationDeg: 3 });
    const [x, y] = mapPoint(roll, 0.9, 0.5);
    expect(Math.hypot(x - 0.5, y - 0.5)).toBeCloseTo(0.4, 12);
    // 3 degrees clockwise on screen (y down): the point on the right moves down.
    expect(Math.atan2(y - 0.5, x - 0.5)).toBeCloseTo((3 * Math.PI) / 180, 12);
    expect(localScale(roll, 0.9, 0.5)).toBeCloseTo(1, 12);
  });

  it("puts each large object's pixels where the mapped truth says (centroid within 1.5 px, area within 3 %)", () => {
    let checked = 0;
    let worst = 0;
    for (let i = 0; checked < 12; i++) {
      const scene = testScene(i);
      const shot = cameraShot(scene, S, cameraSeed(i));
      const h = cameraHomography(shot.applied);
      for (const object of scene.objects.filter((o) => o.size === 'large')) {
        // The object alone, as a plain square on a plain ground, through the shot's geometry.
        const colour = COLOUR_RGB[object.colour];
        const ground: Rgb = luma(colour) > 128 ? [20, 20, 20] : [235, 235, 235];
        const alone: Scene = {
          background: { kind: 'plain', base: ground, to: ground, direction: 'horizontal', gridCells: 8, noiseSeed: 0 },
          objects: [{ ...object, shape: 'square', pattern: 'plain' }],
        };
        const warped = warpPixels(renderScene(alone, S), S, cameraHomography(geometryOnly(shot.applied)));
        const d = [0, 1, 2].map((c) => colour[c] - ground[c]);
        const norm = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
        let total = 0;
        let sx = 0;
        let sy = 0;
        for (let y = 0; y < S; y++) {
          for (let x = 0; x < S; x++) {
            const o = (y * S + x) * 3;
            let t = 0;
            for (let c = 0; c < 3; c++) t += (warped[o + c] - ground[c]) * d[c];
            t = Math.min(1, Math.max(0, t / norm));
            total += t;
            sx += t * (x + 0.5);
            sy += t * (y + 0.5);
          }
        }
        const [cx, cy] = mapPoint(h, object.cx, object.cy);
        const error = Math.hypot(sx / total - cx * S, sy / total - cy * S);
        worst = Math.max(worst, error);
        expect(error).toBeLessThan(1.5);
        const side = object.extent * localScale(h, object.cx, object.cy) * S;
        expect(Math.abs(total / (side * side) - 1)).toBeLessThan(0.03);
        const truth = shot.objects.find(
          (o) => o.shape === object.shape && o.colour === object.colour && o.size === 'large',
        );
        expect(truth!.cx).toBe(cx);
        checked++;
      }
    }
    expect(worst).toBeGreaterThan(0);
  });
});

describe('JPEG batches and the flat-pixel bound', () => {
  it('stacked JPEG round trips give each image the bytes of its own round trip', () => {
    const images = [0, 1, 2].map((i) => renderScene(testScene(i), S));
    for (const quality of [50, 90]) {
      const stacked = jpegRoundTrips(images, S, quality);
      images.forEach((image, k) => expect(same(stacked[k], jpegRoundTrip(image, S, quality))).toBe(true));
    }
  });

  it('cameraShots equals cameraShot scene by scene', () => {
    const items = Array.from({ length: 24 }, (_, i) => ({ scene: testScene(i), seed: cameraSeed(i) }));
    const batch = cameraShots(items, S);
    const qualities = batch.map((b) => b.applied.jpegQuality);
    expect(new Set(qualities).size).toBeLessThan(qualities.length); // some images did share a JPEG
    items.forEach(({ scene, seed }, k) => {
      const single = cameraShot(scene, S, seed);
      expect(same(batch[k].rgba, single.rgba)).toBe(true);
      expect(batch[k].objects).toEqual(single.objects);
    });
  });

  it('300 test scenes through the camera still pass checkWorldDomain', { timeout: 120_000 }, () => {
    expect(S).toBe(CHECKED_SQUARE_PX);
    const items = Array.from({ length: 300 }, (_, i) => ({ scene: testScene(i), seed: cameraSeed(i) }));
    let lowest = 1;
    for (const shot of cameraShots(items, S)) {
      const square = { data: shot.rgba, size: S, channels: 4 as const };
      expect(checkWorldDomain(square)).toBeNull();
      lowest = Math.min(lowest, flatShare(square));
    }
    expect(lowest).toBeGreaterThanOrEqual(MIN_FLAT_SHARE);
  });

  it('small objects survive: the pixel at the mapped centre stays nearer the object colour than the ground', () => {
    let small = 0;
    const items = Array.from({ length: 80 }, (_, i) => ({ scene: testScene(i), seed: cameraSeed(i) }));
    cameraShots(items, S).forEach((shot, i) => {
      const { scene } = items[i];
      const ground = renderScene({ background: scene.background, objects: [] }, S);
      const h = cameraHomography(shot.applied);
      for (const object of scene.objects.filter((o: WorldObject) => o.size === 'small' && o.pattern === 'plain')) {
        const [cx, cy] = mapPoint(h, object.cx, object.cy);
        const at = (data: ArrayLike<number>, x: number, y: number): Rgb => {
          const o = (Math.floor(y * S) * S + Math.floor(x * S)) * 4;
          return [data[o], data[o + 1], data[o + 2]];
        };
        const seen = at(shot.rgba, cx, cy);
        const colour = COLOUR_RGB[object.colour];
        expect(colourDistance(seen, colour)).toBeLessThan(colourDistance(seen, at(ground, object.cx, object.cy)));
        small++;
      }
    });
    expect(small).toBeGreaterThan(25);
  });
});
