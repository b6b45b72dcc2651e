/**
 * A robust main colour of a box's pixels, named with the fixed eleven-word palette; null when the pixels are mixed.
 * Never called on a person's whole box: a person's colour is the clothing of the torso (`torsoColour`), and only when
 * the torso shows little skin, so a skin tone is never named.
 */
import {
  COLOUR_CENTRE_FRACTION,
  COLOUR_MAX_SAMPLES,
  COLOUR_MIN_LEAD,
  COLOUR_MIN_SHARE,
  SKIN_MAX_SHARE,
} from './constants';
import type { Box, ColourName, RgbaImage } from './types';

/** The palette name of one sRGB pixel (0-255 channels), by hue, saturation and value bands. */
export function nameColour(r: number, g: number, b: number): ColourName {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const v = max / 255;
  const s = max === 0 ? 0 : (max - min) / max;
  if (v < 0.2) return 'black';
  if (s < 0.2 || max - min < 25) return v > 0.78 ? 'white' : v < 0.3 ? 'black' : 'gray';
  let h: number;
  if (max === r) h = ((g - b) / (max - min)) * 60;
  else if (max === g) h = (2 + (b - r) / (max - min)) * 60;
  else h = (4 + (r - g) / (max - min)) * 60;
  if (h < 0) h += 360;
  // Dark oranges and reds are what brown is; light, weakly saturated reds are pink.
  if (h >= 10 && h < 45 && v < 0.6) return 'brown';
  if ((h < 12 || h >= 340) && s < 0.5 && v > 0.7) return 'pink';
  if (h < 12 || h >= 340) return 'red';
  if (h < 42) return 'orange';
  if (h < 70) return 'yellow';
  if (h < 165) return 'green';
  if (h < 255) return 'blue';
  if (h < 290) return 'purple';
  return 'pink';
}

/** A common skin-detection rule in RGB (Kovac et al. 2003, daylight); used only to refuse naming a colour. */
export function looksLikeSkin(r: number, g: number, b: number): boolean {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  return r > 95 && g > 40 && b > 20 && max - min > 15 && Math.abs(r - g) > 15 && r > g && r > b;
}

/** Visits up to COLOUR_MAX_SAMPLES pixels of `box` (clipped to the image), strided evenly. */
function samplePixels(image: RgbaImage, box: Box, visit: (r: number, g: number, b: number) => void): number {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.w));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.h));
  if (x1 <= x0 || y1 <= y0) return 0;
  const step = Math.max(1, Math.ceil(Math.sqrt(((x1 - x0) * (y1 - y0)) / COLOUR_MAX_SAMPLES)));
  let n = 0;
  for (let y = y0; y < y1; y += step) {
    for (let x = x0; x < x1; x += step) {
      const i = (y * image.width + x) * 4;
      visit(image.data[i], image.data[i + 1], image.data[i + 2]);
      n++;
    }
  }
  return n;
}

/** The dominant palette name of a region's pixels, or null when no name has a clear majority. */
export function dominantColour(image: RgbaImage, region: Box): ColourName | null {
  const counts = new Map<ColourName, number>();
  const n = samplePixels(image, region, (r, g, b) => {
    const name = nameColour(r, g, b);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  if (n === 0) return null;
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = [ranked[0], ranked[1]?.[1] ?? 0];
  if (best[1] / n < COLOUR_MIN_SHARE || best[1] < COLOUR_MIN_LEAD * second) return null;
  return best[0];
}

/** The central part of a box (COLOUR_CENTRE_FRACTION per side): the object, not its background. */
export function centralPart(box: Box, fraction = COLOUR_CENTRE_FRACTION): Box {
  return {
    x: box.x + (box.w * (1 - fraction)) / 2,
    y: box.y + (box.h * (1 - fraction)) / 2,
    w: box.w * fraction,
    h: box.h * fraction,
  };
}

/** An object's main colour: the dominant colour of its box's central part. Not for people. */
export function objectColour(image: RgbaImage, box: Box): ColourName | null {
  return dominantColour(image, centralPart(box));
}

/**
 * Clothing colour of a torso box (between the shoulders and hips, from pose keypoints): null when more than
 * SKIN_MAX_SHARE of it looks like skin (bare arms or torso, a face in the way) or the clothing is mixed.
 */
export function torsoColour(image: RgbaImage, torso: Box): ColourName | null {
  let skin = 0;
  const n = samplePixels(image, torso, (r, g, b) => {
    if (looksLikeSkin(r, g, b)) skin++;
  });
  if (n === 0 || skin / n > SKIN_MAX_SHARE) return null;
  return dominantColour(image, torso);
}
