/**
 * The scene world's dataset splits, in one table (docs/dataset-format.md). A split either samples its own scenes,
 * `{ seed, objects }`: scene i is sampleScene(sceneSeed(seed, i), objects); or shows another split's scenes through
 * a named post-processing, `{ like, postProcess }`: the same seeds and scenes, each rendered as the post-processing
 * shows it (e.g. filmed by a camera, which may also move objects), and captioned as shown. Seeds are fixed forever:
 * changing one changes a published split.
 */
import { CROWDED_OBJECTS, NO_OBJECTS, ORDINARY_OBJECTS, type ObjectRange } from './scene';

/** Post-processings a split may apply to another split's rendered images; scripts/world.ts runs them. */
export const POST_PROCESSES = ['camera'] as const;
export type PostProcess = (typeof POST_PROCESSES)[number];

/** A split with scenes of its own. */
export interface SampledSplit {
  seed: number;
  objects: Readonly<ObjectRange>;
}

/** A split that shows the scenes of split `like` as post-processing `postProcess` renders them. */
export interface ProcessedSplit {
  like: string;
  postProcess: PostProcess;
}

/** A table of splits: SPLITS, or another one in a test. */
export type SplitTable = Readonly<Record<string, SampledSplit | ProcessedSplit>>;

export const SPLITS = {
  train: { seed: 1, objects: ORDINARY_OBJECTS },
  val: { seed: 2, objects: ORDINARY_OBJECTS },
  test: { seed: 3, objects: ORDINARY_OBJECTS },
  'test-crowded': { seed: 4, objects: CROWDED_OBJECTS },
  'test-empty': { seed: 5, objects: NO_OBJECTS },
  // The test scenes as a webcam filming a screen sees them (src/world/camera.ts; the truth follows the warp).
  'test-camera': { like: 'test', postProcess: 'camera' },
  // The validation scenes through the same camera: where a choice that must hold on camera scenes is made.
  'val-camera': { like: 'val', postProcess: 'camera' },
} as const satisfies SplitTable;

/** Everything a reader of a split needs, whichever kind of row it is. */
export interface SplitSpec {
  name: string;
  /** Scene i is sampled from sceneSeed(seed, i). */
  seed: number;
  objects: Readonly<ObjectRange>;
  /** The split whose scenes these are: the split itself, or the one it is `like`. */
  scenesOf: string;
  postProcess: PostProcess | null;
}

/** Row `name` of `table`, resolved: a processed split gets the seed and objects of the split it is like. */
export function resolveSplit(table: SplitTable, name: string): SplitSpec {
  if (!Object.hasOwn(table, name)) throw new Error(`no split "${name}" (${Object.keys(table).join(', ')})`);
  const row = table[name];
  if ('seed' in row) return { name, seed: row.seed, objects: row.objects, scenesOf: name, postProcess: null };
  const source = Object.hasOwn(table, row.like) ? table[row.like] : undefined;
  // One level only: a camera split of a camera split would degrade twice without saying so.
  if (!source || !('seed' in source))
    throw new Error(`split ${name} is like "${row.like}", which is not a split with scenes of its own`);
  return { ...resolveSplit(table, row.like), name, postProcess: row.postProcess };
}

export type Split = keyof typeof SPLITS;
export const SPLIT_NAMES = Object.keys(SPLITS) as Split[];

export function isSplit(name: string): name is Split {
  return Object.hasOwn(SPLITS, name);
}

export function splitSpec(name: Split): SplitSpec {
  return resolveSplit(SPLITS, name);
}

/** Fixed seeds of the dataset splits: scene i of a split is sampled from sceneSeed(SPLIT_SEEDS[split], i). */
export const SPLIT_SEEDS = Object.fromEntries(SPLIT_NAMES.map((name) => [name, splitSpec(name).seed])) as Readonly<
  Record<Split, number>
>;
