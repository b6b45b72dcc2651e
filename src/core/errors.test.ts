import { describe, expect, it } from 'vitest';
import { ImageDecodeError, toPlainError } from './errors';

describe('toPlainError (the one flattening of an error for a boundary or a status)', () => {
  it('keeps the name and message of an Error, a Glance error and a DOMException', () => {
    expect(toPlainError(new TypeError('bad'))).toEqual({ name: 'TypeError', message: 'bad' });
    expect(toPlainError(new ImageDecodeError('not an image'))).toEqual({
      name: 'ImageDecodeError',
      message: 'not an image',
    });
    expect(toPlainError(new DOMException('stopped', 'AbortError'))).toEqual({ name: 'AbortError', message: 'stopped' });
  });

  it("keeps an error's plain copy (as comlink hands a worker's error over) and drops its other fields", () => {
    expect(toPlainError({ name: 'ModelFetchError', message: '404', stack: 'x' })).toEqual({
      name: 'ModelFetchError',
      message: '404',
    });
  });

  it('names anything else Error with its text', () => {
    expect(toPlainError('boom')).toEqual({ name: 'Error', message: 'boom' });
    expect(toPlainError({ name: 3, message: 'x' })).toEqual({ name: 'Error', message: '[object Object]' });
    expect(toPlainError(null)).toEqual({ name: 'Error', message: 'null' });
  });
});
