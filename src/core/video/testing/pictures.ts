/**
 * Synthetic pictures for the video tests (tests only): flat backgrounds with coloured blocks, laid out in any
 * PixelFormat the way `VideoFrame.copyTo` would (with padded strides and a gap before each plane, so a reader
 * that ignores the layout fails), and the signatures of numbered "scenes" that differ from each other.
 */
import { signatureOf } from '../scene-signature';
import type { PixelFormat, PlaneLayout, PlanarPixels, SceneSignature } from '../types';

export type Rgb = readonly [number, number, number];

/** A block in fractions of the picture (0..1). */
export interface Block {
  x: number;
  y: number;
  w: number;
  h: number;
  colour: Rgb;
}

/** An RGB raster, 3 bytes a pixel. */
export interface RgbPicture {
  width: number;
  height: number;
  rgb: Uint8Array;
}

export function blocksPicture(width: number, height: number, background: Rgb, blocks: readonly Block[]): RgbPicture {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = blocks.findLast(
        (b) => x >= b.x * width && x < (b.x + b.w) * width && y >= b.y * height && y < (b.y + b.h) * height,
      );
      rgb.set(inside?.colour ?? background, (y * width + x) * 3);
    }
  }
  return { width, height, rgb };
}

/** The picture moved right by dx and down by dy pixels, the uncovered edge repeating the nearest pixels. */
export function shifted(picture: RgbPicture, dx: number, dy: number): RgbPicture {
  const { width, height } = picture;
  const rgb = new Uint8Array(picture.rgb.length);
  const clamp = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (clamp(y - dy, height) * width + clamp(x - dx, width)) * 3;
      rgb.set(picture.rgb.subarray(from, from + 3), (y * width + x) * 3);
    }
  }
  return { width, height, rgb };
}

/** Adds uniform integer noise in [-amplitude, amplitude] to every channel (deterministic for a seed). */
export function noisy(picture: RgbPicture, amplitude: number, seed = 1): RgbPicture {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const rgb = picture.rgb.map((v) => v + Math.floor(next() * (2 * amplitude + 1)) - amplitude);
  return { ...picture, rgb };
}

/** BT.601 limited range, written from the standard's coefficients (not from the code under test). */
function yuvOf([r, g, b]: Rgb): Rgb {
  return [
    16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255,
    128 + (-37.797 * r - 74.203 * g + 112 * b) / 255,
    128 + (112 * r - 93.786 * g - 18.214 * b) / 255,
  ];
}

/** Extra bytes at the end of every row and before every plane: real frames often have both. */
const ROW_PADDING = 8;
const PLANE_GAP = 5;

/** Chroma subsampling (x, y) of the YUV formats; NV12 is 4:2:0 too. */
const SUBSAMPLING: Partial<Record<PixelFormat, readonly [number, number]>> = {
  I420: [2, 2],
  I420A: [2, 2],
  I422: [2, 1],
  I444: [1, 1],
  NV12: [2, 2],
};

const RGB_ORDER: Partial<Record<PixelFormat, readonly [number, number, number]>> = {
  RGBA: [0, 1, 2],
  RGBX: [0, 1, 2],
  BGRA: [2, 1, 0],
  BGRX: [2, 1, 0],
};

/** `picture` laid out as `format` would come out of `VideoFrame.copyTo` (with padding, see ROW_PADDING). */
export function toPixels(picture: RgbPicture, format: PixelFormat): PlanarPixels {
  const { width, height, rgb } = picture;
  const pixel = (x: number, y: number): Rgb => {
    const o = (y * width + x) * 3;
    return [rgb[o], rgb[o + 1], rgb[o + 2]];
  };
  const order = RGB_ORDER[format];
  if (order) {
    const stride = width * 4 + ROW_PADDING;
    const data = new Uint8Array(PLANE_GAP + stride * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const o = PLANE_GAP + y * stride + x * 4;
        const c = pixel(x, y);
        for (let k = 0; k < 3; k++) data[o + order[k]] = c[k];
        data[o + 3] = 255;
      }
    }
    return { format, width, height, data, layout: [{ offset: PLANE_GAP, stride }] };
  }
  const [sx, sy] = SUBSAMPLING[format]!;
  const cw = Math.ceil(width / sx);
  const ch = Math.ceil(height / sy);
  const yuv = (x: number, y: number) => yuvOf(pixel(x, y));
  /** Mean chroma of the source pixels one chroma sample covers. */
  const chroma = (cx: number, cy: number): readonly [number, number] => {
    let u = 0;
    let v = 0;
    let n = 0;
    for (let y = cy * sy; y < Math.min(height, (cy + 1) * sy); y++) {
      for (let x = cx * sx; x < Math.min(width, (cx + 1) * sx); x++) {
        const [, pu, pv] = yuv(x, y);
        u += pu;
        v += pv;
        n++;
      }
    }
    return [Math.round(u / n), Math.round(v / n)];
  };
  const planes: { stride: number; rows: number }[] =
    format === 'NV12'
      ? [
          { stride: width + ROW_PADDING, rows: height },
          { stride: 2 * cw + ROW_PADDING, rows: ch },
        ]
      : [
          { stride: width + ROW_PADDING, rows: height },
          { stride: cw + ROW_PADDING, rows: ch },
          { stride: cw + ROW_PADDING, rows: ch },
          ...(format === 'I420A' ? [{ stride: width + ROW_PADDING, rows: height }] : []),
        ];
  const layout: PlaneLayout[] = [];
  let offset = 0;
  for (const plane of planes) {
    offset += PLANE_GAP;
    layout.push({ offset, stride: plane.stride });
    offset += plane.stride * plane.rows;
  }
  const data = new Uint8Array(offset);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[layout[0].offset + y * layout[0].stride + x] = Math.round(yuv(x, y)[0]);
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      const [u, v] = chroma(cx, cy);
      if (format === 'NV12') {
        data[layout[1].offset + cy * layout[1].stride + 2 * cx] = u;
        data[layout[1].offset + cy * layout[1].stride + 2 * cx + 1] = v;
      } else {
        data[layout[1].offset + cy * layout[1].stride + cx] = u;
        data[layout[2].offset + cy * layout[2].stride + cx] = v;
      }
    }
  }
  if (format === 'I420A') data.fill(255, layout[3].offset);
  return { format, width, height, data, layout };
}

const SCENE_COLOURS: readonly Rgb[] = [
  [200, 40, 40],
  [40, 160, 60],
  [40, 70, 200],
  [230, 200, 40],
  [150, 50, 170],
  [30, 170, 170],
  [240, 130, 30],
  [90, 90, 90],
];

/**
 * Picture number `id`: a layout of its own (a background tone and two blocks placed by id), so any two ids are
 * different scenes for the signature. 64x48 keeps the tests fast.
 */
export function scenePicture(id: number): RgbPicture {
  const colour = (k: number) => SCENE_COLOURS[k % SCENE_COLOURS.length];
  const tone = 30 + ((id * 67) % 200);
  const corner = id % 4;
  return blocksPicture(
    64,
    48,
    [tone, 255 - tone, (tone * 3) % 256],
    [
      { x: (corner % 2) * 0.5, y: Math.floor(corner / 2) * 0.5, w: 0.5, h: 0.5, colour: colour(id) },
      { x: 0.3, y: 0.3, w: 0.25 + (id % 3) * 0.1, h: 0.2, colour: colour(id + 3) },
    ],
  );
}

/** The signature of scenePicture(id). */
export const sceneSignature = (id: number): SceneSignature => signatureOf(toPixels(scenePicture(id), 'RGBA'));

/** A signature part way (t = 0..1) from `a` to `b`: a slow change such as a pan or a fade, in signature space. */
export function blendSignatures(a: SceneSignature, b: SceneSignature, t: number): SceneSignature {
  return {
    grid: a.grid.map((v, k) => v + (b.grid[k] - v) * t),
    histogram: a.histogram.map((v, k) => v + (b.histogram[k] - v) * t),
  };
}
