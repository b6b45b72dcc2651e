import { describe, expect, it } from 'vitest';
import { sourceModelAction } from './source-model';

const urls = { defaultUrl: '/models/real/', worldUrl: '/models/world/' };

describe('sourceModelAction', () => {
  it('uses the world model for the demo camera while the default runs', () => {
    expect(sourceModelAction({ ...urls, source: 'demo', inUse: '/models/real/', switchedForDemo: false })).toEqual({
      kind: 'load',
      url: '/models/world/',
    });
  });

  it('goes back to the default when the demo camera stops or a webcam starts, only if it switched', () => {
    const back = { kind: 'load', url: '/models/real/' };
    expect(sourceModelAction({ ...urls, source: 'webcam', inUse: '/models/world/', switchedForDemo: true })).toEqual(
      back,
    );
    expect(sourceModelAction({ ...urls, source: null, inUse: '/models/world/', switchedForDemo: true })).toEqual(back);
    expect(sourceModelAction({ ...urls, source: 'webcam', inUse: '/models/world/', switchedForDemo: false })).toEqual({
      kind: 'none',
    });
  });

  it('leaves a model the user picked alone', () => {
    for (const source of ['demo', 'webcam', null] as const) {
      expect(sourceModelAction({ ...urls, source, inUse: 'https://m.example/x/', switchedForDemo: false })).toEqual({
        kind: 'none',
      });
    }
  });
});
