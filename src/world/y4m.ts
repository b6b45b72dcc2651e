/**
 * YUV4MPEG2 ("y4m") frames of world scenes, for Chromium's fake webcam (--use-file-for-fake-video-capture).
 * Pure and DOM-free; scripts/world-y4m.ts writes the file. Format: a header line, then per frame "FRAME\n" and
 * the Y, U and V planes of 4:2:0 (C420jpeg: chroma sited between the 2x2 luma pixels it covers, so each chroma
 * sample is the mean of its block).
 */

/** BT.601 luma/chroma; `limited` maps Y to 16-235 and chroma to 16-240 (video range), `full` to 0-255 (JPEG). */
export type YuvRange = 'limited' | 'full';

export interface Y4mFormat {
  width: number;
  height: number;
  fps: number;
}

/** Where the square scene sits inside the frame (even offsets keep 2x2 chroma blocks aligned). */
export interface Placement {
  sceneSize: number;
  x: number;
  y: number;
}

export function y4mHeader({ width, height, fps }: Y4mFormat, range: YuvRange): string {
  // XCOLORRANGE is ffmpeg's extension; readers that do not know it skip X tags.
  const colourRange = range === 'full' ? ' XCOLORRANGE=FULL' : ' XCOLORRANGE=LIMITED';
  return `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg${colourRange}\n`;
}

/** Bytes of one frame's planes (without the "FRAME\n" line). */
export function frameBytes(width: number, height: number): number {
  return width * height + 2 * (width / 2) * (height / 2);
}

/** The largest square that fits, centred, with even offsets. */
export function centredPlacement(width: number, height: number, sceneSize = Math.min(width, height)): Placement {
  const even = (v: number): number => Math.floor(v / 2) * 2;
  return { sceneSize, x: even((width - sceneSize) / 2), y: even((height - sceneSize) / 2) };
}

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/**
 * Converts a sceneSize x sceneSize RGBA picture to one I420 frame of width x height, the picture at `placement`
 * and black around it (letterbox). Width, height and the placement offsets must be even.
 */
export function rgbaToI420(
  rgba: Uint8ClampedArray,
  placement: Placement,
  width: number,
  height: number,
  range: YuvRange,
): Uint8Array {
  if (width % 2 || height % 2 || placement.x % 2 || placement.y % 2)
    throw new Error('width, height and the scene offsets must be even for 4:2:0');
  const { sceneSize, x: ox, y: oy } = placement;
  if (ox < 0 || oy < 0 || ox + sceneSize > width || oy + sceneSize > height)
    throw new Error('the scene does not fit in the frame');
  const [yScale, yOffset, cScale] = range === 'full' ? [1, 0, 1] : [219 / 255, 16, 224 / 255];
  const out = new Uint8Array(frameBytes(width, height));
  out.fill(clampByte(yOffset), 0, width * height);
  out.fill(128, width * height);
  const uPlane = width * height;
  const vPlane = uPlane + (width / 2) * (height / 2);
  const at = (x: number, y: number): number => {
    const sx = x - ox;
    const sy = y - oy;
    return sx >= 0 && sy >= 0 && sx < sceneSize && sy < sceneSize ? (sy * sceneSize + sx) * 4 : -1;
  };
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        const p = at(x + dx, y + dy);
        const [pr, pg, pb] = p < 0 ? [0, 0, 0] : [rgba[p], rgba[p + 1], rgba[p + 2]];
        out[(y + dy) * width + x + dx] = clampByte(yOffset + yScale * (0.299 * pr + 0.587 * pg + 0.114 * pb));
        r += pr;
        g += pg;
        b += pb;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const c = (y / 2) * (width / 2) + x / 2;
      out[uPlane + c] = clampByte(128 + cScale * (-0.168736 * r - 0.331264 * g + 0.5 * b));
      out[vPlane + c] = clampByte(128 + cScale * (0.5 * r - 0.418688 * g - 0.081312 * b));
    }
  }
  return out;
}

/** An RGBA picture read back from a y4m file. */
export interface Y4mPicture {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Frame `index` of a whole 4:2:0 y4m file as RGBA (BT.601; the range its XCOLORRANGE tag says, limited when
 * absent, as Chromium reads it), each chroma sample spread over its 2x2 block. Assumes no per-frame parameters
 * (ffmpeg and rgbaToI420's writer add none).
 */
export function readY4mFrame(file: Uint8Array, index: number): Y4mPicture {
  const newline = file.indexOf(10);
  const header = new TextDecoder().decode(file.subarray(0, newline));
  const width = Number(/ W(\d+)/.exec(header)?.[1]);
  const height = Number(/ H(\d+)/.exec(header)?.[1]);
  if (!header.startsWith('YUV4MPEG2') || !(width > 0) || !(height > 0)) throw new Error('not a y4m file');
  const planes = frameBytes(width, height);
  const start = newline + 1 + index * (6 + planes) + 6;
  if (index < 0 || start + planes > file.length) throw new Error(`the y4m file has no frame ${index}`);
  const [yScale, yOffset, cScale] = / XCOLORRANGE=FULL/.test(header) ? [1, 0, 1] : [219 / 255, 16, 224 / 255];
  const uPlane = start + width * height;
  const vPlane = uPlane + (width / 2) * (height / 2);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = (y >> 1) * (width >> 1) + (x >> 1);
      const luma = (file[start + y * width + x] - yOffset) / yScale;
      const u = (file[uPlane + c] - 128) / cScale;
      const v = (file[vPlane + c] - 128) / cScale;
      const p = (y * width + x) * 4;
      data[p] = clampByte(luma + 1.402 * v);
      data[p + 1] = clampByte(luma - 0.344136 * u - 0.714136 * v);
      data[p + 2] = clampByte(luma + 1.772 * u);
      data[p + 3] = 255;
    }
  }
  return { width, height, data };
}
