import { describe, expect, it } from 'vitest';
import type { CaptionResult } from '../../core/caption-types';
import type { CaptionOutcome } from '../../capture/caption-service';
import { batchProgress, batchSummary, engineProblem, newCard, updateCardIn, type ImageCard } from './image-cards';
import { toImagesJson } from './images-export';

const RESULT: CaptionResult = {
  style: 'detailed',
  coarse: { text: 'one object: a red circle at the center.', tokens: [1], stopReason: 'eos' },
  refined: { text: 'one object: a red star at the center.', tokens: [2], stopReason: 'eos' },
  saliency: { grid: 2, values: [0.1, 0.2, 0.3, 0.4] },
  regions: [{ x: 10, y: 20, w: 30, h: 40, square: { x: 1, y: 2, w: 3, h: 4 }, score: 0.4 }],
  timings: { preprocess: 1, encode: 2, pass1: 3, saliency: 4, regions: 5, lookAgain: 6, pass2: 7, total: 28 },
  backend: 'wasm',
};
const OUTCOME: CaptionOutcome = {
  result: RESULT,
  geometry: null,
  frameWidth: 256,
  frameHeight: 256,
  model: 'glance-world-v3',
};

describe('image cards', () => {
  it('stream tokens, then finish; progress counts done and failed cards', () => {
    let cards: ImageCard[] = [
      newCard(1, { name: 'a.png', size: 10 }, 'blob:a'),
      newCard(2, { name: 'b.png', size: 0 }, null),
    ];
    expect(batchProgress(cards)).toEqual({ finished: 0, failed: 0, total: 2 });
    cards = updateCardIn(cards, 1, { type: 'start' });
    cards = updateCardIn(cards, 1, { type: 'token', pass: 'coarse', text: 'one' });
    cards = updateCardIn(cards, 1, { type: 'token', pass: 'coarse', text: ' object' });
    expect(cards[0]).toMatchObject({ status: 'captioning', streaming: { coarse: 'one object', refined: '' } });
    expect(cards[1].status).toBe('queued');
    cards = updateCardIn(cards, 2, { type: 'error', problem: { title: 'This file is empty.', detail: 'b.png' } });
    expect(batchProgress(cards)).toEqual({ finished: 1, failed: 1, total: 2 });
    cards = updateCardIn(cards, 1, { type: 'done', outcome: OUTCOME });
    expect(batchProgress(cards)).toEqual({ finished: 2, failed: 1, total: 2 });
  });

  it('sums the batch up by what happened, failures included', () => {
    expect(batchSummary({ finished: 1, failed: 0, total: 3 })).toBe('Captioning: 1 of 3 done');
    expect(batchSummary({ finished: 2, failed: 1, total: 3 })).toBe('Captioning: 2 of 3 done (1 failed)');
    expect(batchSummary({ finished: 3, failed: 0, total: 3 })).toBe('All 3 captioned');
    expect(batchSummary({ finished: 1, failed: 0, total: 1 })).toBe('Captioned');
    expect(batchSummary({ finished: 3, failed: 1, total: 3 })).toBe('All 3 done: 2 captioned, 1 failed');
    expect(batchSummary({ finished: 2, failed: 2, total: 2 })).toBe('None captioned: all 2 failed');
    expect(batchSummary({ finished: 1, failed: 1, total: 1 })).toBe('Failed: see the card');
  });

  it('turns engine errors into card messages by the kind of error, keeping the name and message', () => {
    const named = (name: string, message = 'x') => Object.assign(new Error(message), { name });
    const decode = named('ImageDecodeError', 'no decoder for this data');
    expect(engineProblem(decode).title).toMatch(/could not be decoded/);
    expect(engineProblem(decode).detail).toContain('no decoder for this data');
    expect(engineProblem(named('EncodingError')).title).toMatch(/could not be decoded/);
    expect(engineProblem(named('InvalidInputError', 'too small'))).toEqual({
      title: 'This image cannot be captioned.',
      detail: 'too small',
    });
    const crash = engineProblem(named('WorkerCrashedError', 'the captioner worker crashed'));
    expect(crash.title).toMatch(/stopped while working on this image/);
    expect(crash.detail).toContain('WorkerCrashedError: the captioner worker crashed');
    expect(engineProblem(named('NotLoadedError')).title).toBe('The model is not ready.');
    expect(engineProblem(named('ModelFetchError', 'onnx/x.onnx: 404')).detail).toContain(
      'ModelFetchError: onnx/x.onnx: 404',
    );
    expect(engineProblem(named('BackendError')).detail).toMatch(/other backend/);
    expect(engineProblem(named('InternalError')).title).toBe('Captioning failed.');
    expect(engineProblem('odd')).toEqual({ title: 'Captioning failed.', detail: 'Error: odd' });
  });
});

describe('toImagesJson', () => {
  it('exports the objects a real-world caption names, with their boxes and names', () => {
    const car = { label: 'car', box: { x: 1, y: 2, w: 30, h: 20 }, score: 0.7, hedged: false, name: 'car' };
    const ball = { label: 'sports ball', box: { x: 50, y: 5, w: 6, h: 6 }, score: 0.4, hedged: true, name: 'ball' };
    const outcome = { ...OUTCOME, result: { ...RESULT, objects: { coarse: [car, ball], refined: [car] } } };
    const cards = updateCardIn([newCard(1, { name: 'street.jpg', size: 10 }, 'blob:a')], 1, { type: 'done', outcome });
    const json = JSON.parse(toImagesJson(cards, 0));
    expect(json.images[0].objects).toEqual({ coarse: [car, ball], refined: [car] });
  });

  it('exports captions, regions and timings, and errors as text', () => {
    let cards = [newCard(1, { name: 'a.png', size: 10 }, 'blob:a'), newCard(2, { name: 'n.png', size: 5 }, null)];
    cards = updateCardIn(cards, 1, { type: 'done', outcome: OUTCOME });
    cards = updateCardIn(cards, 2, { type: 'error', problem: { title: 'Not an image.', detail: 'n.png is text.' } });
    const json = JSON.parse(toImagesJson(cards, Date.UTC(2026, 0, 1)));
    expect(json.exportedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(json.images[0]).toMatchObject({
      name: 'a.png',
      status: 'done',
      width: 256,
      coarse: 'one object: a red circle at the center.',
      refined: 'one object: a red star at the center.',
      regions: [{ x: 10, y: 20, w: 30, h: 40, score: 0.4 }],
      backend: 'wasm',
      model: 'glance-world-v3',
    });
    expect(json.images[0].timingsMs.total).toBe(28);
    // The world model names no boxed objects: no "objects" key rather than an empty promise.
    expect(json.images[0]).not.toHaveProperty('objects');
    expect(json.images[1]).toEqual({ name: 'n.png', bytes: 5, status: 'error', error: 'Not an image. n.png is text.' });
  });
});
