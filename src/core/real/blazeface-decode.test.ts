import { describe, expect, it } from 'vitest';
import { stretchMapping } from './centernet-decode';
import { blazefaceAnchors, decodeBlazeface, EXPRESSIONS, expressionScores } from './blazeface-decode';

function raw() {
  return {
    logits16: new Float32Array(512).fill(-10),
    boxes16: new Float32Array(512 * 16),
    logits32: new Float32Array(384).fill(-10),
    boxes32: new Float32Array(384 * 16),
  };
}

describe('blazefaceAnchors', () => {
  it('has 512 stride-16 anchors then 384 stride-32 anchors, centred in their cells', () => {
    const a = blazefaceAnchors();
    expect(a).toHaveLength(896);
    expect(a[0]).toEqual([8, 8]);
    expect(a[1]).toEqual([8, 8]);
    expect(a[2]).toEqual([24, 8]);
    expect(a[512]).toEqual([16, 16]);
    expect(a[895]).toEqual([240, 240]);
  });
});

describe('decodeBlazeface', () => {
  it('decodes centre offset and size around the anchor, maps to the frame, sigmoid score', () => {
    const r = raw();
    // Anchor 2 of level 16 is at (24, 8); a face centred 4 px right of it, 20 x 30 px.
    r.logits16[2] = 2;
    r.boxes16.set([4, 0, 20, 30, 1, 2], 2 * 16);
    const faces = decodeBlazeface(r, stretchMapping({ x: 10, y: 0, w: 512, h: 256 }, 256));
    expect(faces).toHaveLength(1);
    expect(faces[0].score).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    expect(faces[0].box.x).toBeCloseTo(10 + (28 - 10) * 2, 5);
    expect(faces[0].box.y).toBeCloseTo(8 - 15, 5);
    expect(faces[0].box.w).toBeCloseTo(40, 5);
    expect(faces[0].box.h).toBeCloseTo(30, 5);
    expect(faces[0].landmarks[0]).toEqual({ x: 10 + 25 * 2, y: 10 });
  });

  it('NMS keeps the best of overlapping faces; threshold drops weak ones', () => {
    const r = raw();
    r.logits16[100] = 3;
    r.boxes16.set([0, 0, 40, 40], 100 * 16);
    r.logits16[101] = 2; // same anchor cell, same box
    r.boxes16.set([0, 0, 40, 40], 101 * 16);
    r.logits32[10] = -1; // score 0.27
    r.boxes32.set([0, 0, 40, 40], 10 * 16);
    const m = stretchMapping({ x: 0, y: 0, w: 256, h: 256 }, 256);
    expect(decodeBlazeface(r, m)).toHaveLength(1);
    expect(decodeBlazeface(r, m, { threshold: 0.2 })).toHaveLength(2);
  });

  it('refuses outputs of the wrong size', () => {
    expect(() =>
      decodeBlazeface({ ...raw(), logits32: new Float32Array(3) }, stretchMapping({ x: 0, y: 0, w: 1, h: 1 }, 256)),
    ).toThrow(RangeError);
  });
});

describe('expressionScores', () => {
  it('names the 7 probabilities in the model order', () => {
    expect(EXPRESSIONS).toEqual(['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']);
    expect(expressionScores([0, 0, 0, 0.9, 0, 0, 0.1])).toMatchObject({ happy: 0.9, neutral: 0.1, angry: 0 });
    expect(() => expressionScores([1])).toThrow(RangeError);
    expect(() => expressionScores([])).toThrow(RangeError);
  });

  it('averages several views of one face, row by row', () => {
    const smile = [0, 0, 0, 0.8, 0.1, 0, 0.1];
    const unsure = [0, 0, 0, 0.2, 0.7, 0, 0.1];
    const mean = expressionScores([...smile, ...unsure]);
    expect(mean.happy).toBeCloseTo(0.5);
    expect(mean.sad).toBeCloseTo(0.4);
    expect(mean.neutral).toBeCloseTo(0.1);
    expect(() => expressionScores([...smile, 0.5])).toThrow(RangeError);
  });
});
