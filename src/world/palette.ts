/** The world's colours as RGB, and the contrast rule that keeps every object visible on its background. */
import type { Colour } from './scene';

/** An sRGB colour, each channel 0-255. */
export type Rgb = readonly [number, number, number];

/** What each colour word looks like when drawn. Chosen so the 11 names are told apart at a glance. */
export const COLOUR_RGB: Readonly<Record<Colour, Rgb>> = {
  red: [220, 38, 38],
  orange: [245, 135, 20],
  yellow: [245, 215, 35],
  green: [40, 165, 60],
  blue: [40, 90, 225],
  purple: [135, 55, 200],
  pink: [245, 130, 195],
  brown: [135, 82, 38],
  // White and black keep some headroom so their patterns can be two tones around the plain colour.
  white: [225, 225, 225],
  gray: [128, 128, 128],
  black: [30, 30, 30],
};

/**
 * "Redmean" colour distance: a cheap approximation of perceived difference (0 to ~765).
 * Plain RGB distance calls gray-on-teal "different" when people (and small models) barely see it.
 */
export function colourDistance(a: Rgb, b: Rgb): number {
  const rMean = (a[0] + b[0]) / 2;
  const dr = a[0] - b[0];
  const dg = a[1] - b[1];
  const db = a[2] - b[2];
  return Math.sqrt((2 + rMean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - rMean) / 256) * db * db);
}

/** An object colour must be at least this far from every background tone it may sit on. */
export const MIN_OBJECT_BACKGROUND_DISTANCE = 150;

/** Luma (BT.601), 0-255. */
export function luma(c: Rgb): number {
  return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
}

/** Largest difference between a pattern's two tones, per channel, 0-255 levels. */
const MAX_PATTERN_SPREAD = 110;

/** The two tones of a striped or dotted object: `tone` covers `toneFraction` of it, `base` the rest. */
export interface PatternTones {
  base: Rgb;
  tone: Rgb;
}

/**
 * Two tones whose area-weighted mean is the plain colour `c`, so a patterned object averages to the same
 * colour as a plain one: at 1/4 resolution (where the pattern itself is unresolved) the global view cannot
 * read the pattern off a colour shift. The tone is darker for light colours and lighter for dark ones.
 */
export function patternTones(c: Rgb, toneFraction: number): PatternTones {
  const darker = luma(c) > 127;
  const f = toneFraction;
  const base: number[] = [];
  const tone: number[] = [];
  for (const v of c) {
    // base = v -/+ f*d and tone = v +/- (1-f)*d must both stay in 0..255.
    const spread = darker
      ? Math.min(MAX_PATTERN_SPREAD, (255 - v) / f, v / (1 - f))
      : Math.min(MAX_PATTERN_SPREAD, v / f, (255 - v) / (1 - f));
    const sign = darker ? -1 : 1;
    base.push(Math.round(v - sign * f * spread));
    tone.push(Math.round(v + sign * (1 - f) * spread));
  }
  return { base: base as unknown as Rgb, tone: tone as unknown as Rgb };
}
