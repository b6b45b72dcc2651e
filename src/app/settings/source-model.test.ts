import { describe, expect, it } from 'vitest';
import { modelHeadingFor, sourceModelAction } from './source-model';

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

describe('modelHeadingFor', () => {
  it('is the model loading while a load runs, so the demo camera does not load the world model twice', () => {
    const loadingWorld = {
      bundleUrl: '/models/real/',
      change: { state: 'loading' as const, url: '/models/world/', progress: null },
    };
    expect(modelHeadingFor(loadingWorld)).toBe('/models/world/');
    expect(
      sourceModelAction({ ...urls, source: 'demo', inUse: modelHeadingFor(loadingWorld), switchedForDemo: false }),
    ).toEqual({ kind: 'none' });
  });

  it('is the model in use when nothing loads or the last load failed', () => {
    expect(modelHeadingFor({ bundleUrl: '/models/real/', change: { state: 'idle' } })).toBe('/models/real/');
    const failed = { state: 'failed' as const, url: '/models/world/', error: { name: 'ModelLoadError', message: 'x' } };
    expect(modelHeadingFor({ bundleUrl: '/models/real/', change: failed })).toBe('/models/real/');
  });
});

describe('sourceModelAction after a failed load', () => {
  it('does not retry a load it made for the same source that failed, and retries when the source changes', () => {
    const base = { ...urls, inUse: '/models/real/', switchedForDemo: false, failedUrl: '/models/world/' };
    const tried = { source: 'demo' as const, url: '/models/world/' };
    expect(sourceModelAction({ ...base, source: 'demo', tried })).toEqual({ kind: 'none' });
    expect(sourceModelAction({ ...base, source: 'demo', tried: { ...tried, source: 'webcam' } })).toEqual({
      kind: 'load',
      url: '/models/world/',
    });
    expect(sourceModelAction({ ...base, source: 'demo', tried, failedUrl: null })).toEqual({
      kind: 'load',
      url: '/models/world/',
    });
  });
});
