/**
 * Which scene a split holds at an index: the one definition the dataset CLI, its validator and any reader that
 * regenerates scenes share. A training mix (`--crowded-share`, `--empty-share`) turns a share of a split's scenes
 * into crowded (7-9 objects) or empty ones; each scene draws its own kind from a sub-stream of its seed, so any
 * scene regenerates on its own and a mix of zero shares changes nothing.
 */
import { deriveSeed, createRng, sceneSeed } from './random';
import { CROWDED_OBJECTS, NO_OBJECTS, sampleScene, type ObjectRange, type Scene } from './scene';
import { splitSpec, type Split } from './splits';

/** Shares (0-1, summing to at most 1) of a split's scenes made crowded or empty instead of the split's own. */
export interface SceneMix {
  crowdedShare: number;
  emptyShare: number;
}
export const NO_MIX: Readonly<SceneMix> = { crowdedShare: 0, emptyShare: 0 };

/**
 * Sub-streams of a scene's seed (deriveSeed(sceneSeed, stream)). Perturbations use 1-6 (docs/dataset-format.md);
 * these stay clear of them.
 */
export const MIX_STREAM = 1000;
export const POST_PROCESS_STREAM = 1001;

/** What decided a scene's object range: the split's own, or the mix. */
export type SceneKind = 'split' | 'crowded' | 'empty';

export function checkMix({ crowdedShare, emptyShare }: SceneMix): void {
  const share = (v: number): boolean => Number.isFinite(v) && v >= 0 && v <= 1;
  if (!share(crowdedShare) || !share(emptyShare) || crowdedShare + emptyShare > 1)
    throw new Error(`crowded share ${crowdedShare} and empty share ${emptyShare} must be 0-1 and sum to at most 1`);
}

/** The kind of the scene whose seed is `seed` under `mix`: one uniform draw of its own mix stream. */
export function sceneKind(seed: number, mix: Readonly<SceneMix>): SceneKind {
  if (mix.crowdedShare === 0 && mix.emptyShare === 0) return 'split';
  const u = createRng(deriveSeed(seed, MIX_STREAM)).next();
  if (u < mix.emptyShare) return 'empty';
  return u < mix.emptyShare + mix.crowdedShare ? 'crowded' : 'split';
}

/** A scene of a split with its seed, its kind and the object range it was sampled from. */
export interface SplitScene {
  index: number;
  seed: number;
  kind: SceneKind;
  objects: Readonly<ObjectRange>;
  scene: Scene;
}

/** Scene `index` of `split` (a processed split gives the scenes of the split it is like) under `mix`. */
export function splitScene(split: Split, index: number, mix: Readonly<SceneMix> = NO_MIX): SplitScene {
  checkMix(mix);
  const spec = splitSpec(split);
  const seed = sceneSeed(spec.seed, index);
  const kind = sceneKind(seed, mix);
  const objects = kind === 'crowded' ? CROWDED_OBJECTS : kind === 'empty' ? NO_OBJECTS : spec.objects;
  return { index, seed, kind, objects, scene: sampleScene(seed, objects) };
}
