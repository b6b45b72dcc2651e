import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caption } from './captions';
import { perturb } from './perturb';
import { deriveSeed, sceneSeed } from './random';
import { sampleScene } from './scene';
import pin from './scene-pin.json';
import { splitScene } from './split-scenes';
import { SPLIT_SEEDS } from './splits';

// The ordinary splits were generated, trained and evaluated before scene ranges existed. scene-pin.json was
// recorded with that code; the default sampler, the captions and the perturbations must still give the same bytes.
const PINNED_SPLITS = ['train', 'val', 'test'] as const;
const PINNED_SCENES = 1000;

/** SHA-256 over a split's first scenes, both captions and the dataset's 3 perturbations of each. */
function splitDigest(splitSeed: number, sceneOf: (seed: number, index: number) => ReturnType<typeof sampleScene>) {
  const hash = createHash('sha256');
  for (let i = 0; i < PINNED_SCENES; i++) {
    const seed = sceneSeed(splitSeed, i);
    const scene = sceneOf(seed, i);
    hash.update(JSON.stringify(scene));
    (['detailed', 'short'] as const).forEach((style, s) => {
      hash.update(caption(scene.objects, style));
      for (let k = 0; k < 3; k++)
        hash.update(JSON.stringify(perturb(scene.objects, style, deriveSeed(seed, 1 + 3 * s + k))));
    });
  }
  return hash.digest('hex');
}

describe('the ordinary splits are byte-identical to before crowded and empty scenes', () => {
  it('samples the first test scenes exactly as recorded', () => {
    for (let i = 0; i < pin.firstTestScenes.length; i++) {
      expect(sampleScene(sceneSeed(SPLIT_SEEDS.test, i)), `test scene ${i}`).toEqual(pin.firstTestScenes[i]);
    }
  });

  it.each(PINNED_SPLITS)('%s: scenes, captions and perturbations hash as recorded', (split) => {
    expect(splitDigest(SPLIT_SEEDS[split], (seed) => sampleScene(seed))).toBe(pin.sha256Of1000ScenesPerSplit[split]);
  });

  it('the dataset CLI path (splitScene, no mix) gives the same scenes', () => {
    const digest = splitDigest(SPLIT_SEEDS.val, (_, i) => splitScene('val', i).scene);
    expect(digest).toBe(pin.sha256Of1000ScenesPerSplit.val);
  });
});
