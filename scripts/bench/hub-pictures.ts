/**
 * Pictures for the hub fixtures beside the world images. The fixtures see colour only through the designed
 * colour-patch rule (scripts/hub-fixtures/colour-patches.ts: a patch is of a colour when that channel beats both
 * others by half of full scale), which the world's softer colours rarely pass: Florence-2's fixture then writes
 * "a photo.", grounds nothing and never takes its second look. Saturated fields with a small square of another
 * colour give every family a coarse caption to ground and a close-up worth taking, so the timed refined caption
 * is the whole two-pass path. Handed to the page as data: URLs, so the bench's server needs no folder for them.
 */
import { encode } from 'fast-png';

type Rgb = [number, number, number];

export interface Picture {
  name: string;
  width: number;
  height: number;
  /** Painted in order; the first is the background. */
  rects: { x: number; y: number; w: number; h: number; rgb: Rgb }[];
}

const RED: Rgb = [200, 40, 30];
const GREEN: Rgb = [30, 200, 40];
const BLUE: Rgb = [20, 40, 220];
const GREY: Rgb = [128, 128, 128];

export const HUB_PICTURES: readonly Picture[] = [
  {
    // Grey is no colour to the rule: the red block is a region to ground (a red field filling the frame is not).
    name: 'red block on grey, small blue square',
    width: 640,
    height: 640,
    rects: [
      { x: 0, y: 0, w: 640, h: 640, rgb: GREY },
      { x: 0, y: 0, w: 400, h: 640, rgb: RED },
      { x: 460, y: 100, w: 125, h: 125, rgb: BLUE },
    ],
  },
  {
    name: 'green and blue halves, small red square',
    width: 640,
    height: 480,
    rects: [
      { x: 0, y: 0, w: 320, h: 480, rgb: GREEN },
      { x: 320, y: 0, w: 320, h: 480, rgb: BLUE },
      { x: 120, y: 300, w: 64, h: 64, rgb: RED },
    ],
  },
];

/** The picture's RGB pixels, row-major. */
export function paintPicture(picture: Picture): Uint8Array {
  const data = new Uint8Array(picture.width * picture.height * 3);
  for (const r of picture.rects) {
    for (let y = r.y; y < Math.min(r.y + r.h, picture.height); y++) {
      for (let x = r.x; x < Math.min(r.x + r.w, picture.width); x++) data.set(r.rgb, (y * picture.width + x) * 3);
    }
  }
  return data;
}

/** A PNG data: URL of the picture, which the page fetches as it fetches an image from the server. */
export function pictureDataUrl(picture: Picture): string {
  const png = encode({ width: picture.width, height: picture.height, data: paintPicture(picture), channels: 3 });
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}
