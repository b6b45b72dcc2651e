import { describe, expect, it } from 'vitest';
import { maxWeightAssignment } from './assignment';
import { createRng } from './random';

/** Best total over every one-to-one assignment of rows to distinct columns (or none), by brute force. */
function bruteForceBest(w: number[][], row = 0, used = new Set<number>()): number {
  if (row === w.length) return 0;
  let best = bruteForceBest(w, row + 1, used);
  for (let j = 0; j < (w[0]?.length ?? 0); j++) {
    if (used.has(j) || w[row][j] === 0) continue;
    used.add(j);
    best = Math.max(best, w[row][j] + bruteForceBest(w, row + 1, used));
    used.delete(j);
  }
  return best;
}

describe('maxWeightAssignment', () => {
  it('solves a hand case where greedy fails', () => {
    // Greedy takes (0,0)=9 and then (1,1)=1: 10. Best is (0,1)=8 + (1,0)=8: 16.
    expect(
      maxWeightAssignment([
        [9, 8],
        [8, 1],
      ]),
    ).toEqual([1, 0]);
  });

  it('leaves rows unassigned rather than use zero-weight pairs', () => {
    expect(
      maxWeightAssignment([
        [0, 0],
        [0, 5],
        [0, 7],
      ]),
    ).toEqual([-1, -1, 1]);
    expect(maxWeightAssignment([])).toEqual([]);
    expect(maxWeightAssignment([[], []])).toEqual([-1, -1]);
  });

  it('matches brute force on 500 random rectangular matrices', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 500; trial++) {
      const rows = 1 + rng.int(5);
      const cols = 1 + rng.int(5);
      const w = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => (rng.chance(0.3) ? 0 : rng.int(20))),
      );
      const assigned = maxWeightAssignment(w);
      const columns = assigned.filter((j) => j >= 0);
      expect(new Set(columns).size).toBe(columns.length);
      const total = assigned.reduce((s, j, i) => s + (j >= 0 ? w[i][j] : 0), 0);
      expect(total).toBe(bruteForceBest(w));
    }
  });
});
