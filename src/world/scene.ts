/**
 * The scene world's data model and its seeded sampler. Geometry is in units of the scene side (0..1), so one
 * scene renders at any pixel size; docs/caption-grammar.md lists the attribute values.
 */
import { COLOUR_RGB, MIN_OBJECT_BACKGROUND_DISTANCE, colourDistance, type Rgb } from './palette';
import { createRng, type Rng } from './random';

export const SHAPES = ['circle', 'square', 'triangle', 'star', 'hexagon', 'diamond', 'heart', 'cross'] as const;
// prettier-ignore
export const COLOURS = [
  'red', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'brown', 'white', 'gray', 'black',
] as const;
export const SIZES = ['small', 'medium', 'large'] as const;
export const PATTERNS = ['plain', 'striped', 'dotted'] as const;
/** The 3x3 cells in reading order (row-major); "center" is the middle cell. */
// prettier-ignore
export const CELLS = [
  'top left', 'top center', 'top right',
  'middle left', 'center', 'middle right',
  'bottom left', 'bottom center', 'bottom right',
] as const;
export const BACKGROUND_KINDS = ['plain', 'gradient', 'texture', 'grid'] as const;

export type Shape = (typeof SHAPES)[number];
export type Colour = (typeof COLOURS)[number];
export type Size = (typeof SIZES)[number];
export type Pattern = (typeof PATTERNS)[number];
/** The 3x3 cell that holds an object's centre. */
export type Cell = (typeof CELLS)[number];
export type BackgroundKind = (typeof BACKGROUND_KINDS)[number];

/** What a caption says about one object: the parser's output and the captioner's input. */
export interface ObjectDescription {
  shape: Shape;
  colour: Colour;
  size: Size;
  pattern: Pattern;
  position: Cell;
}

/** An object placed in a scene: its description plus geometry in units of the scene side. */
export interface WorldObject extends ObjectDescription {
  /** Centre, 0..1 from the left / top edge. */
  cx: number;
  cy: number;
  /** Side of the object's bounding square, as a fraction of the scene side. */
  extent: number;
}

/** How the area behind the objects is painted. `to` equals `base` except for gradients. */
export interface Background {
  kind: BackgroundKind;
  base: Rgb;
  to: Rgb;
  direction: 'horizontal' | 'vertical' | 'diagonal';
  /** Grid lines per scene side (grid backgrounds). */
  gridCells: number;
  /** Seed of the value noise (texture backgrounds). */
  noiseSeed: number;
}

/** One sampled scene; `objects` are in reading order (docs/caption-grammar.md). */
export interface Scene {
  background: Background;
  objects: WorldObject[];
}

/** Bounding-square side of each size class in pixels of a 256 px scene: [min, max]. */
export const SIZE_EXTENT_PX256: Readonly<Record<Size, readonly [number, number]>> = {
  small: [8, 14],
  medium: [24, 36],
  large: [48, 72],
};
/** Objects keep this clear of the frame, and this much apart from each other (fractions of the side). */
export const FRAME_MARGIN = 4 / 256;
export const OBJECT_GAP = 6 / 256;
/** Centres stay this far from cell borders, so an object's cell is never a coin toss. */
export const CELL_BORDER_CLEARANCE = 3 / 256;
const PLACEMENT_TRIES = 200;
const BACKGROUND_TRIES = 100;
/**
 * A scene that needs this many fresh draws is a bug, not bad luck: over 40,000 seeds of nine objects the most
 * was 5 (docs/world.md, "Crowded and empty scenes"). Never reached, so it changes no scene.
 */
const MAX_SCENE_ATTEMPTS = 1000;

/** How many objects the sampler puts in a scene: uniform over minObjects..maxObjects. */
export interface ObjectRange {
  minObjects: number;
  maxObjects: number;
}
/** The most objects a scene holds: captions count up to nine. */
export const MAX_OBJECTS = 9;
/** The ordinary scenes of the train, val and test splits, and the sampler's default. */
export const ORDINARY_OBJECTS: Readonly<ObjectRange> = { minObjects: 1, maxObjects: 6 };
/** Crowded scenes, more objects than ordinary ones ever have. */
export const CROWDED_OBJECTS: Readonly<ObjectRange> = { minObjects: 7, maxObjects: 9 };
/** Empty scenes: a background only. */
export const NO_OBJECTS: Readonly<ObjectRange> = { minObjects: 0, maxObjects: 0 };

/** Index (0-8, row-major) of the cell that holds the point (x, y) of the unit square. */
export function cellIndexAt(x: number, y: number): number {
  const col = Math.min(2, Math.max(0, Math.floor(x * 3)));
  const row = Math.min(2, Math.max(0, Math.floor(y * 3)));
  return row * 3 + col;
}

export function cellAt(x: number, y: number): Cell {
  return CELLS[cellIndexAt(x, y)];
}

/** Centre of a cell in units of the scene side. */
export function cellCentre(cell: Cell): { x: number; y: number } {
  const i = CELLS.indexOf(cell);
  return { x: ((i % 3) + 0.5) / 3, y: (Math.floor(i / 3) + 0.5) / 3 };
}

/** Reading order: cell row, cell column, then centre y, then centre x. */
export function compareReadingOrder(a: WorldObject, b: WorldObject): number {
  return CELLS.indexOf(a.position) - CELLS.indexOf(b.position) || a.cy - b.cy || a.cx - b.cx;
}

function nearCellBorder(v: number): boolean {
  return Math.abs(v - 1 / 3) < CELL_BORDER_CLEARANCE || Math.abs(v - 2 / 3) < CELL_BORDER_CLEARANCE;
}

function clampChannel(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}

function sampleBackground(rng: Rng): Background {
  const kind = rng.pick(BACKGROUND_KINDS);
  const grey = rng.int(256);
  const base: Rgb = [0, 1, 2].map(() => clampChannel(grey + rng.range(-30, 30))) as unknown as Rgb;
  let to = base;
  if (kind === 'gradient') {
    const shift = (rng.chance(0.5) ? 1 : -1) * rng.range(40, 90);
    to = base.map((v) => clampChannel(v + shift + rng.range(-15, 15))) as unknown as Rgb;
  }
  return {
    kind,
    base,
    to,
    direction: rng.pick(['horizontal', 'vertical', 'diagonal'] as const),
    gridCells: rng.pick([7, 8, 10, 11, 13, 14, 16]),
    noiseSeed: rng.int(0x7fffffff),
  };
}

/** True when every given colour stands out from every tone of the background. */
export function contrastsWith(background: Background, colours: readonly Colour[]): boolean {
  const mid: Rgb = [0, 1, 2].map((c) => (background.base[c] + background.to[c]) / 2) as unknown as Rgb;
  return colours.every((colour) =>
    [background.base, background.to, mid].every(
      (tone) => colourDistance(COLOUR_RGB[colour], tone) >= MIN_OBJECT_BACKGROUND_DISTANCE,
    ),
  );
}

/** True when the bounding square of `candidate` keeps OBJECT_GAP from every one of `others`. */
export function clearOf(candidate: Pick<WorldObject, 'cx' | 'cy' | 'extent'>, others: readonly WorldObject[]): boolean {
  return others.every((other) => {
    const reach = candidate.extent / 2 + other.extent / 2 + OBJECT_GAP;
    return Math.abs(candidate.cx - other.cx) >= reach || Math.abs(candidate.cy - other.cy) >= reach;
  });
}

type Unplaced = Omit<WorldObject, 'cx' | 'cy' | 'position'>;

function sampleUnplaced(rng: Rng): Unplaced {
  const size = rng.pick(SIZES);
  const [lo, hi] = SIZE_EXTENT_PX256[size];
  return {
    shape: rng.pick(SHAPES),
    colour: rng.pick(COLOURS),
    size,
    pattern: rng.pick(PATTERNS),
    extent: rng.range(lo, hi) / 256,
  };
}

/** Places objects largest first with rejection sampling; null when they do not fit. */
function place(rng: Rng, unplaced: readonly Unplaced[]): WorldObject[] | null {
  const placed: WorldObject[] = [];
  const order = [...unplaced].sort((a, b) => b.extent - a.extent);
  for (const object of order) {
    const half = object.extent / 2;
    const lo = FRAME_MARGIN + half;
    const hi = 1 - FRAME_MARGIN - half;
    let spot: WorldObject | null = null;
    for (let attempt = 0; attempt < PLACEMENT_TRIES && !spot; attempt++) {
      const cx = rng.range(lo, hi);
      const cy = rng.range(lo, hi);
      if (nearCellBorder(cx) || nearCellBorder(cy)) continue;
      if (clearOf({ cx, cy, extent: object.extent }, placed)) spot = { ...object, cx, cy, position: cellAt(cx, cy) };
    }
    if (!spot) return null;
    placed.push(spot);
  }
  return placed.sort(compareReadingOrder);
}

function checkRange({ minObjects, maxObjects }: ObjectRange): void {
  const ok = Number.isInteger(minObjects) && Number.isInteger(maxObjects) && 0 <= minObjects;
  if (!ok || minObjects > maxObjects || maxObjects > MAX_OBJECTS)
    throw new Error(`object range ${minObjects}-${maxObjects} is not within 0-${MAX_OBJECTS}`);
}

/**
 * Samples the scene of `seed`: minObjects-maxObjects objects (default 1-6) with uniform attributes, a background
 * that contrasts with every object colour (any background when there is no object), and non-overlapping
 * placements. Sampling restarts from the attributes (the count stays) when either fails, so the result depends on
 * the seed and range alone; with the default range it draws exactly what it drew before ranges existed.
 */
export function sampleScene(seed: number, options: Partial<ObjectRange> = {}): Scene {
  return sampleSceneCountingAttempts(seed, options).scene;
}

/** sampleScene, also saying how many draws of attributes, background and places it took (1 = first time). */
export function sampleSceneCountingAttempts(
  seed: number,
  options: Partial<ObjectRange> = {},
): { scene: Scene; attempts: number } {
  const range = {
    minObjects: options.minObjects ?? ORDINARY_OBJECTS.minObjects,
    maxObjects: options.maxObjects ?? ORDINARY_OBJECTS.maxObjects,
  };
  checkRange(range);
  const rng = createRng(seed);
  // For 1-6 this is the historical `1 + rng.int(6)`: one draw, the same value.
  const count = range.minObjects + rng.int(range.maxObjects - range.minObjects + 1);
  for (let attempts = 1; attempts <= MAX_SCENE_ATTEMPTS; attempts++) {
    const unplaced = Array.from({ length: count }, () => sampleUnplaced(rng));
    const colours = unplaced.map((o) => o.colour);
    let background: Background | null = null;
    for (let attempt = 0; attempt < BACKGROUND_TRIES && !background; attempt++) {
      const candidate = sampleBackground(rng);
      if (contrastsWith(candidate, colours)) background = candidate;
    }
    if (!background) continue;
    const objects = place(rng, unplaced);
    if (objects) return { scene: { background, objects }, attempts };
  }
  throw new Error(`seed ${seed}: no scene of ${count} objects after ${MAX_SCENE_ATTEMPTS} attempts`);
}
