import { describe, expect, it } from 'vitest';
import type { CaptionResult, NamedObject } from '../core/caption-types';
import { toCaptionMessage } from './to-messages';

const named = (label: string, name: string, box: NamedObject['box'], score: number, hedged: boolean): NamedObject => ({
  label,
  name,
  box,
  score,
  hedged,
});
const car = named('car', 'car', { x: 10.4, y: 20.6, w: 100.2, h: 50 }, 0.71234, false);
const ball = named('sports ball', 'ball', { x: 300, y: 40, w: 8, h: 8 }, 0.4, true);

function result(objects?: CaptionResult['objects'], refined = true): CaptionResult {
  return {
    style: 'detailed',
    coarse: { text: 'A car; what looks like a small ball.', tokens: [], stopReason: 'eos' },
    refined: refined ? { text: 'A car in the center.', tokens: [], stopReason: 'eos' } : undefined,
    saliency: { grid: 1, values: [1] },
    regions: [],
    timings: { preprocess: 0, encode: 0, pass1: 0, saliency: 0, regions: 0, lookAgain: 0, pass2: 0, total: 12.34 },
    backend: 'wasm',
    objects,
  };
}

describe('toCaptionMessage', () => {
  it("carries the objects of the caption it gives as text: whole pixels, the caption's word, 3-decimal scores", () => {
    const message = toCaptionMessage(result({ coarse: [car, ball], refined: [car] }), { width: 640, height: 480 });
    expect(message.text).toBe('A car in the center.');
    expect(message.objects).toEqual([
      { name: 'car', label: 'car', x: 10, y: 21, w: 100, h: 50, score: 0.712, hedged: false },
    ]);
    // Without a second look the text is the coarse caption, and so are the objects.
    const coarseOnly = toCaptionMessage(result({ coarse: [car, ball] }, false), { width: 640, height: 480 });
    expect(coarseOnly.text).toBe('A car; what looks like a small ball.');
    expect(coarseOnly.objects?.map((o) => [o.name, o.label, o.hedged])).toEqual([
      ['car', 'car', false],
      ['ball', 'sports ball', true],
    ]);
  });

  it('has no objects key for a model that names none with boxes', () => {
    expect(toCaptionMessage(result(undefined), { width: 256, height: 256 })).not.toHaveProperty('objects');
  });
});
