import { describe, expect, it } from 'vitest';
import { sceneSeed } from './random';
import { sampleScene } from './scene';
import { checkMix, sceneKind, splitScene, type SceneMix } from './split-scenes';
import { SPLIT_SEEDS } from './splits';

const TRAINING_MIX: SceneMix = { crowdedShare: 0.15, emptyShare: 0.02 };
const SCENES = 4000;
const kindsOf = (mix: SceneMix) => Array.from({ length: SCENES }, (_, i) => sceneKind(sceneSeed(1, i), mix));
const share = (kinds: readonly string[], kind: string) => kinds.filter((k) => k === kind).length / kinds.length;

describe('splitScene', () => {
  it('is sampleScene of the split seed and range; without a mix the sampler default for ordinary splits', () => {
    for (let i = 0; i < 20; i++) {
      expect(splitScene('test', i).scene).toEqual(sampleScene(sceneSeed(SPLIT_SEEDS.test, i)));
      expect(splitScene('test-crowded', i).scene.objects.length).toBeGreaterThanOrEqual(7);
      expect(splitScene('test-empty', i).scene.objects).toEqual([]);
    }
  });

  it('makes about the asked share of scenes crowded or empty, each with its range', () => {
    const kinds = kindsOf(TRAINING_MIX);
    expect(share(kinds, 'crowded')).toBeGreaterThan(0.13);
    expect(share(kinds, 'crowded')).toBeLessThan(0.17);
    expect(share(kinds, 'empty')).toBeGreaterThan(0.013);
    expect(share(kinds, 'empty')).toBeLessThan(0.027);
    for (let i = 0; i < 300; i++) {
      const { kind, scene } = splitScene('train', i, TRAINING_MIX);
      const n = scene.objects.length;
      expect(kind === 'crowded' ? n >= 7 : kind === 'empty' ? n === 0 : n >= 1 && n <= 6, `scene ${i}`).toBe(true);
    }
  });

  it('leaves the scenes it does not mix as they were', () => {
    for (let i = 0; i < 300; i++) {
      const mixed = splitScene('train', i, TRAINING_MIX);
      if (mixed.kind === 'split') expect(mixed.scene).toEqual(splitScene('train', i).scene);
    }
  });

  it('only adds scenes to a kind as its share grows (each scene draws one number of its own)', () => {
    const small = kindsOf({ crowdedShare: 0.1, emptyShare: 0.02 });
    const large = kindsOf({ crowdedShare: 0.3, emptyShare: 0.02 });
    small.forEach((kind, i) => {
      if (kind !== 'split') expect(large[i]).toBe(kind);
    });
    expect(share(kindsOf({ crowdedShare: 0, emptyShare: 0 }), 'split')).toBe(1);
    expect(share(kindsOf({ crowdedShare: 0.5, emptyShare: 0.5 }), 'split')).toBe(0);
  });

  it('refuses shares outside 0-1 or summing over 1', () => {
    expect(() => checkMix({ crowdedShare: 0.6, emptyShare: 0.5 })).toThrow();
    expect(() => checkMix({ crowdedShare: -0.1, emptyShare: 0 })).toThrow();
    expect(() => checkMix({ crowdedShare: Number.NaN, emptyShare: 0 })).toThrow();
    expect(() => splitScene('train', 0, { crowdedShare: 2, emptyShare: 0 })).toThrow();
  });
});
