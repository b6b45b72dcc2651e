import { describe, expect, it } from 'vitest';
import type { FrameCaption, RuntimeInfo } from '../bridge/captioner-client';
import { parseEmbedParams } from './embed-params';
import type { WidgetMessage } from '../embed-protocol/protocol';
import { MAX_PENDING_IMAGES, WidgetSession, type WidgetClient } from './widget-session';

const INFO = {
  ortVersion: '1.30.0',
  requested: 'auto',
  backend: 'wasm',
  reason: 'no WebGPU adapter',
  wasmThreads: 1,
  pthreadWorkers: 0,
  crossOriginIsolated: false,
  adapter: null,
  bundle: {
    url: 'https://a.example/models/m/',
    name: 'm',
    modelType: 'glance-mmser',
    parts: [],
    captioner: true,
    cachedFiles: [],
    warmupMs: 3,
    dtype: null,
    notice: null,
  },
  resources: { liveTensors: 0, gpuBuffers: 0, wasmMemoryBytes: null },
} as RuntimeInfo;

function caption(text: string, refined: string | null): FrameCaption {
  const t = (s: string) => ({ text: s, tokens: [], stopReason: 'eos' as const });
  return {
    style: 'detailed',
    coarse: t(text),
    ...(refined === null ? {} : { refined: t(refined) }),
    saliency: { grid: 2, values: [0.25, 0.25, 0.25, 0.25] },
    regions: [{ x: 10.4, y: 20.6, w: 30, h: 40, square: { x: 0, y: 0, w: 1, h: 1 }, score: 0.123456 }],
    timings: { preprocess: 1, encode: 2, pass1: 3, saliency: 0, regions: 0, lookAgain: 4, pass2: 5, total: 15.04 },
    backend: 'wasm',
    model: 'glance-world-v3',
    frame: {
      width: 640,
      height: 480,
      geometry: {} as FrameCaption['frame']['geometry'],
      decodedWidth: 640,
      decodedHeight: 480,
      prepareMs: 1,
    },
  } as FrameCaption;
}

/** A client whose load and caption calls are settled by the test. */
function fakeClient(info: RuntimeInfo = INFO) {
  const calls: { options: unknown; resolve: (c: FrameCaption) => void; reject: (e: unknown) => void }[] = [];
  let finishLoad: (ok: boolean) => void = () => undefined;
  const client: WidgetClient = {
    load: (_url, onProgress) =>
      new Promise((resolve, reject) => {
        onProgress?.({
          phase: 'download',
          file: 'config.json',
          loadedBytes: 10,
          totalBytes: 100,
          fileLoaded: 10,
          fileTotal: 100,
          fromCache: false,
        });
        finishLoad = (ok) =>
          ok ? resolve(info) : reject(Object.assign(new Error('config.json not found'), { name: 'ModelFetchError' }));
      }),
    caption: (_frame, options) =>
      new Promise((resolve, reject) => {
        calls.push({ options, resolve, reject });
      }),
  };
  return { client, calls, finishLoad: (ok: boolean) => finishLoad(ok) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function session(query = '?mode=image&origin=https://h.example', info?: RuntimeInfo) {
  const fake = fakeClient(info);
  const posted: WidgetMessage[] = [];
  const s = new WidgetSession(fake.client, parseEmbedParams(query), '/models/m/', (m) => posted.push(m));
  return { ...fake, posted, s };
}

describe('WidgetSession', () => {
  it('posts progress, then ready with what actually runs', async () => {
    const { s, posted, finishLoad } = session('?mode=demo&refine=0&style=short');
    const started = s.start();
    expect(posted).toEqual([{ v: 1, type: 'progress', phase: 'download', loadedBytes: 10, totalBytes: 100 }]);
    finishLoad(true);
    await started;
    expect(posted[1]).toEqual({
      v: 1,
      type: 'ready',
      info: {
        protocol: 1,
        mode: 'demo',
        backend: 'wasm',
        wasmThreads: 1,
        crossOriginIsolated: false,
        model: { url: 'https://a.example/models/m/', name: 'm' },
        refine: false,
        style: 'short',
      },
    });
    expect(s.getSnapshot().model.state).toBe('ready');
    expect(s.start()).toBe(started);
  });

  it('captions a host image after the model is ready and answers with its id', async () => {
    const { s, posted, finishLoad, calls } = session();
    s.handle({ v: 1, type: 'caption-image', id: 'q1', image: new ArrayBuffer(8) });
    await flush();
    expect(calls).toHaveLength(0);
    finishLoad(true);
    await flush();
    expect(calls).toHaveLength(1);
    calls[0].resolve(caption('a circle', 'a red circle'));
    await flush();
    expect(posted.at(-1)).toEqual({
      v: 1,
      type: 'caption',
      id: 'q1',
      text: 'a red circle',
      coarse: 'a circle',
      refined: 'a red circle',
      regions: [{ x: 10, y: 21, w: 30, h: 40, score: 0.123 }],
      time: 15,
      width: 640,
      height: 480,
    });
    expect(s.getSnapshot()).toMatchObject({
      caption: { text: 'a red circle', source: 'image', id: 'q1' },
      pendingImages: 0,
    });
  });

  it('answers a failed image with an error carrying its id, and a failed load with an error for each', async () => {
    const { s, posted, finishLoad, calls } = session();
    void s.start().catch(() => undefined);
    finishLoad(true);
    await flush();
    void s.captionImage(new Blob([new Uint8Array(3)]), 'bad');
    await flush();
    calls[0].reject(Object.assign(new Error('not an image'), { name: 'ImageDecodeError' }));
    await flush();
    expect(posted.at(-1)).toEqual({
      v: 1,
      type: 'error',
      name: 'ImageDecodeError',
      message: 'not an image',
      id: 'bad',
    });

    const broken = session();
    void broken.s.captionImage(new Blob([new Uint8Array(3)]), 'x');
    broken.finishLoad(false);
    await flush();
    expect(broken.posted.filter((m) => m.type === 'error')).toEqual([
      { v: 1, type: 'error', name: 'ModelFetchError', message: 'config.json not found', fatal: true },
      { v: 1, type: 'error', name: 'ModelFetchError', message: 'config.json not found', id: 'x' },
    ]);
    expect(broken.s.getSnapshot().model).toEqual({
      state: 'error',
      error: { name: 'ModelFetchError', message: 'config.json not found' },
    });
  });

  it('refuses a model that cannot caption', async () => {
    const { s, posted, finishLoad } = session('', {
      ...INFO,
      bundle: { ...INFO.bundle!, captioner: false, name: 'fixture' },
    });
    const started = s.start();
    finishLoad(true);
    await expect(started).rejects.toThrow(/not a captioner bundle/);
    expect(posted.at(-1)).toMatchObject({ type: 'error', name: 'ModelFormatError', fatal: true });
  });

  it('refuses images beyond the pending limit with BusyError', async () => {
    const { s, posted, finishLoad, calls } = session();
    finishLoad(true);
    for (let i = 0; i <= MAX_PENDING_IMAGES; i++) void s.captionImage(new Blob([new Uint8Array(1)]), `i${i}`);
    await flush();
    expect(posted.filter((m) => m.type === 'error')).toEqual([
      expect.objectContaining({ name: 'BusyError', id: `i${MAX_PENDING_IMAGES}` }),
    ]);
    expect(s.getSnapshot().pendingImages).toBe(MAX_PENDING_IMAGES);
    void calls;
  });

  it('applies pause, resume and settings to the next caption', () => {
    const { s } = session('?refine=1&style=detailed');
    s.handle({ v: 1, type: 'pause' });
    expect(s.getSnapshot().paused).toBe(true);
    s.handle({ v: 1, type: 'settings', style: 'short' });
    expect(s.options()).toEqual({ refine: true, style: 'short' });
    s.handle({ v: 1, type: 'settings', refine: false });
    expect(s.options()).toEqual({ refine: false, style: 'short' });
    s.handle({ v: 1, type: 'resume' });
    expect(s.getSnapshot().paused).toBe(false);
  });

  it('posts live captions without an id', () => {
    const { s, posted } = session();
    const c = caption('a square', null);
    s.liveCaption(c, { width: 256, height: 256 });
    expect(posted.at(-1)).toMatchObject({ type: 'caption', text: 'a square', refined: null, width: 256 });
    // A frame whose look the model's policy skipped: its refined caption only repeats the coarse one.
    const sure = { ...caption('a red star', 'a red star'), look: { looked: false } } as unknown as FrameCaption;
    s.liveCaption(sure, { width: 256, height: 256 });
    expect(posted.at(-1)).toMatchObject({ type: 'caption', text: 'a red star', coarse: 'a red star', refined: null });
    s.liveCaption(caption('a red star', 'a blue star'), { width: 256, height: 256 });
    expect(posted.at(-1)).toMatchObject({ text: 'a blue star', refined: 'a blue star' });
    expect(posted.at(-1)).not.toHaveProperty('id');
  });
});
