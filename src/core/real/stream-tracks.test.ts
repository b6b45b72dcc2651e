import { describe, expect, it } from 'vitest';
import { StreamTracks } from './stream-tracks';
import { FRAME, seen } from './test-helpers';
import { TRACK_MAX_GAP_MS } from './constants';
import type { SeenObject } from './types';

const person = (x: number, score = 0.8) => seen('person', { x, y: 200, w: 80, h: 200 }, { score, hedged: score < 0.5 });
/** What a frame's caption would say: class, left edge and hedge of each object. */
const said = (objects: readonly SeenObject[]) =>
  objects.map((o) => `${o.label}@${o.box.x}${o.hedged ? '?' : ''}`).sort();

describe('StreamTracks', () => {
  it("says a stream's first frame as it was seen, hedges and all", () => {
    const tracks = new StreamTracks();
    expect(said(tracks.steady('cam', [person(0), person(300, 0.4)], FRAME, 0))).toEqual(['person@0', 'person@300?']);
  });

  it('says a new hedged object from its second frame in a row, a new sure one at once', () => {
    const tracks = new StreamTracks();
    tracks.steady('cam', [person(0)], FRAME, 0);
    expect(said(tracks.steady('cam', [person(0), person(300, 0.4)], FRAME, 200))).toEqual(['person@0']);
    expect(said(tracks.steady('cam', [person(0), person(310, 0.42)], FRAME, 400))).toEqual(['person@0', 'person@310?']);
    // A sure newcomer needs no second frame.
    expect(said(tracks.steady('cam', [person(0), person(310, 0.42), person(500)], FRAME, 600))).toEqual([
      'person@0',
      'person@310?',
      'person@500',
    ]);
  });

  it('holds an object said in the frame before for one missing frame, where it was', () => {
    const tracks = new StreamTracks();
    tracks.steady('cam', [person(0), person(300)], FRAME, 0);
    expect(said(tracks.steady('cam', [person(10)], FRAME, 200))).toEqual(['person@10', 'person@300']);
    expect(said(tracks.steady('cam', [person(20)], FRAME, 400))).toEqual(['person@20']);
  });

  it('does not hold a hedged object seen only once, nor one of a class that overlaps it now', () => {
    const tracks = new StreamTracks();
    tracks.steady('cam', [person(0, 0.4)], FRAME, 0);
    expect(tracks.steady('cam', [], FRAME, 200)).toEqual([]);
    // Two sure people, then one box between them: it continues one of them and overlaps the other's place.
    tracks.steady('cam', [person(0), person(60)], FRAME, 400);
    expect(said(tracks.steady('cam', [person(30)], FRAME, 600))).toEqual(['person@30']);
  });

  it('keeps a sure object sure while its score stays over the lower threshold', () => {
    const tracks = new StreamTracks();
    tracks.steady('cam', [person(0, 0.6)], FRAME, 0);
    expect(said(tracks.steady('cam', [person(0, 0.45)], FRAME, 200))).toEqual(['person@0']);
    expect(said(tracks.steady('cam', [person(0, 0.41)], FRAME, 400))).toEqual(['person@0']);
    expect(said(tracks.steady('cam', [person(0, 0.38)], FRAME, 600))).toEqual(['person@0?']);
    // Hedged now, it becomes sure again only at the sure threshold.
    expect(said(tracks.steady('cam', [person(0, 0.45)], FRAME, 800))).toEqual(['person@0?']);
  });

  it('matches by class: a cat where a dog was is new, and the dog is held', () => {
    const tracks = new StreamTracks();
    tracks.steady('cam', [seen('dog', { x: 0, y: 0, w: 100, h: 100 })], FRAME, 0);
    const now = tracks.steady('cam', [seen('cat', { x: 0, y: 0, w: 100, h: 100 }, { hedged: true })], FRAME, 200);
    expect(said(now)).toEqual(['dog@0']);
  });

  it('starts afresh after a silence, on a frame of another size, and on another stream', () => {
    const tracks = new StreamTracks();
    tracks.steady('cam', [person(0)], FRAME, 0);
    expect(tracks.steady('cam', [], FRAME, TRACK_MAX_GAP_MS + 1)).toEqual([]);
    tracks.steady('cam', [person(0)], FRAME, 5000);
    expect(tracks.steady('cam', [], { width: 640, height: 480 }, 5200)).toEqual([]);
    tracks.steady('cam', [person(0)], FRAME, 6000);
    // Another stream neither inherits cam's person nor delays its own hedged one; cam, back, starts afresh too.
    expect(said(tracks.steady('other', [person(300, 0.4)], FRAME, 6100))).toEqual(['person@300?']);
    expect(tracks.steady('cam', [], FRAME, 6200)).toEqual([]);
  });
});
