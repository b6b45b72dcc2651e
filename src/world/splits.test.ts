import { describe, expect, it } from 'vitest';
import { resolveSplit, SPLIT_NAMES, SPLIT_SEEDS, SPLITS, isSplit, splitSpec, type SplitTable } from './splits';

describe('the split table', () => {
  it('keeps the published seeds and gives each split its object range', () => {
    const rows = SPLIT_NAMES.map((name) => {
      const { seed, objects, postProcess } = splitSpec(name);
      return [name, seed, `${objects.minObjects}-${objects.maxObjects}`, postProcess];
    });
    expect(rows).toEqual([
      ['train', 1, '1-6', null],
      ['val', 2, '1-6', null],
      ['test', 3, '1-6', null],
      ['test-crowded', 4, '7-9', null],
      ['test-empty', 5, '0-0', null],
      ['test-camera', 3, '1-6', 'camera'],
      ['val-camera', 2, '1-6', 'camera'],
    ]);
    expect(SPLIT_SEEDS).toEqual({
      train: 1,
      val: 2,
      test: 3,
      'test-crowded': 4,
      'test-empty': 5,
      'test-camera': 3,
      'val-camera': 2,
    });
  });

  it('gives every split with scenes of its own a seed no other split has', () => {
    const seeds = Object.values(SPLITS as SplitTable).flatMap((row) => ('seed' in row ? [row.seed] : []));
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  it('knows its names and nothing else', () => {
    expect(isSplit('test-crowded')).toBe(true);
    expect(isSplit('toString')).toBe(false);
    expect(isSplit('test-')).toBe(false);
  });
});

describe('resolveSplit', () => {
  const table: SplitTable = {
    test: { seed: 3, objects: { minObjects: 1, maxObjects: 6 } },
    'test-camera': { like: 'test', postProcess: 'camera' },
    'camera-of-camera': { like: 'test-camera', postProcess: 'camera' },
    orphan: { like: 'nowhere', postProcess: 'camera' },
  };

  it('renders a processed split like its source, then names the post-processing', () => {
    expect(resolveSplit(table, 'test-camera')).toEqual({
      name: 'test-camera',
      seed: 3,
      objects: { minObjects: 1, maxObjects: 6 },
      scenesOf: 'test',
      postProcess: 'camera',
    });
    expect(resolveSplit(table, 'test')).toMatchObject({ scenesOf: 'test', postProcess: null });
  });

  it('refuses a source that is itself processed or missing, and an unknown split', () => {
    expect(() => resolveSplit(table, 'camera-of-camera')).toThrow(/not a split with scenes of its own/);
    expect(() => resolveSplit(table, 'orphan')).toThrow(/not a split with scenes of its own/);
    expect(() => resolveSplit(table, 'train')).toThrow(/no split "train"/);
  });
});
