import { describe, expect, it } from 'vitest';
import { abortError, errorKind, errorNameOf, namedError } from './bridge-errors';

describe('error names and kinds', () => {
  it('maps each stable name to what the UI should do', () => {
    const cases: [string, string][] = [
      ['AbortError', 'cancelled'],
      ['CancelledError', 'cancelled'],
      ['ImageDecodeError', 'bad-image'],
      ['InvalidInputError', 'bad-input'],
      ['ModelFetchError', 'model'],
      ['ModelFormatError', 'model'],
      ['ModelLoadError', 'model'],
      ['BackendError', 'backend'],
      ['NotLoadedError', 'not-ready'],
      ['WorkerCrashedError', 'crashed'],
      ['InternalError', 'internal'],
    ];
    for (const [name, kind] of cases) expect(errorKind({ name, message: '' }), name).toBe(kind);
  });

  it('treats unknown names, plain values and inherited keys as internal', () => {
    expect(errorKind(new TypeError('x'))).toBe('internal');
    expect(errorKind('a string')).toBe('internal');
    expect(errorKind(null)).toBe('internal');
    expect(errorKind({ name: 'toString' })).toBe('internal');
    expect(errorNameOf(42)).toBe('Error');
  });

  it('abortError is a DOMException named AbortError; namedError keeps the name', () => {
    const abort = abortError();
    expect(abort.name).toBe('AbortError');
    expect(abort).toBeInstanceOf(DOMException);
    expect(namedError('WorkerCrashedError', 'gone')).toMatchObject({ name: 'WorkerCrashedError', message: 'gone' });
  });
});
