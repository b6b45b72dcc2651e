import { describe, expect, it } from 'vitest';
import {
  ANNOUNCE_MIN_GAP_MS,
  ANNOUNCE_MS_PER_CHAR,
  NO_ANNOUNCEMENT,
  offerCaption,
  readUntil,
  releaseWaiting,
} from './announce-pacing';

const long = 'Five people in the center and on the right; what looks like a small white truck in the top right.';

describe('announce pacing', () => {
  it('announces the first caption at once, and the next once the first has had time to be read', () => {
    const first = offerCaption(NO_ANNOUNCEMENT, long, 1000);
    expect(first).toEqual({ announced: long, at: 1000, waiting: null });
    const readBy = 1000 + long.length * ANNOUNCE_MS_PER_CHAR;
    expect(readUntil(first)).toBe(readBy);
    expect(offerCaption(first, 'Four people.', readBy - 1)).toEqual({ ...first, waiting: 'Four people.' });
    expect(offerCaption(first, 'Four people.', readBy)).toEqual({
      announced: 'Four people.',
      at: readBy,
      waiting: null,
    });
  });

  it('keeps only the newest waiting caption, and drops it when the scene is back to what was said', () => {
    let p = offerCaption(NO_ANNOUNCEMENT, long, 0);
    p = offerCaption(p, 'Four people.', 500);
    p = offerCaption(p, 'Three people.', 900);
    expect(p.waiting).toBe('Three people.');
    expect(releaseWaiting(p, 6000)).toEqual({ announced: 'Three people.', at: 6000, waiting: null });
    expect(offerCaption(p, long, 1200).waiting).toBeNull();
  });

  it('spaces even short captions by the minimum gap, and releases a waiting one on demand (pause)', () => {
    const p = offerCaption(NO_ANNOUNCEMENT, 'A cat.', 0);
    expect(readUntil(p)).toBe(ANNOUNCE_MIN_GAP_MS);
    const waiting = offerCaption(p, 'A dog.', 100);
    expect(waiting.announced).toBe('A cat.');
    expect(releaseWaiting(waiting, 150).announced).toBe('A dog.');
    expect(releaseWaiting(p, 150)).toBe(p);
  });
});
