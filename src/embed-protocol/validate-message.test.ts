import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES } from './protocol';
import { parseHostMessage, parseWidgetMessage } from './validate-message';

const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });

describe('parseHostMessage', () => {
  it('accepts each message type of protocol v1', () => {
    expect(parseHostMessage({ v: 1, type: 'caption-image', id: 'a1', image: png })).toEqual({
      ok: true,
      message: { v: 1, type: 'caption-image', id: 'a1', image: png },
    });
    const buffer = new ArrayBuffer(10);
    expect(parseHostMessage({ v: 1, type: 'caption-image', id: 'x', image: buffer }).ok).toBe(true);
    expect(parseHostMessage({ v: 1, type: 'pause' })).toEqual({ ok: true, message: { v: 1, type: 'pause' } });
    expect(parseHostMessage({ v: 1, type: 'resume' })).toEqual({ ok: true, message: { v: 1, type: 'resume' } });
    expect(parseHostMessage({ v: 1, type: 'settings', refine: false, style: 'short' })).toEqual({
      ok: true,
      message: { v: 1, type: 'settings', refine: false, style: 'short' },
    });
    expect(parseHostMessage({ v: 1, type: 'settings' })).toEqual({ ok: true, message: { v: 1, type: 'settings' } });
  });

  it('refuses other versions, unknown types and non-objects, saying why', () => {
    expect(parseHostMessage({ v: 2, type: 'pause' })).toEqual({ ok: false, reason: 'unsupported version 2' });
    expect(parseHostMessage({ type: 'pause' })).toEqual({ ok: false, reason: 'unsupported version undefined' });
    expect(parseHostMessage({ v: 1, type: 'eval' })).toEqual({ ok: false, reason: 'unknown type "eval"' });
    expect(parseHostMessage({ v: 1, type: 'toString' })).toMatchObject({ ok: false });
    expect(parseHostMessage({ v: 1, type: '__proto__' })).toMatchObject({ ok: false });
    for (const value of [null, undefined, 'pause', 1, [], [1, 'pause'], png, new Date(), new Map()]) {
      expect(parseHostMessage(value), String(value)).toMatchObject({ ok: false });
    }
  });

  it('refuses unknown fields (a host message never carries more than its type defines)', () => {
    expect(parseHostMessage({ v: 1, type: 'pause', now: true })).toEqual({
      ok: false,
      reason: `'pause' has unknown fields: now`,
    });
    expect(parseHostMessage({ v: 1, type: 'settings', refine: true, model: 'https://evil/' })).toMatchObject({
      ok: false,
    });
  });

  it('refuses caption-image without a sane id or image', () => {
    const bad = [
      { v: 1, type: 'caption-image', image: png },
      { v: 1, type: 'caption-image', id: '', image: png },
      { v: 1, type: 'caption-image', id: 'x'.repeat(65), image: png },
      { v: 1, type: 'caption-image', id: 7, image: png },
      { v: 1, type: 'caption-image', id: 'a' },
      { v: 1, type: 'caption-image', id: 'a', image: 'data:image/png;base64,AAAA' },
      { v: 1, type: 'caption-image', id: 'a', image: new Uint8Array(4) },
      { v: 1, type: 'caption-image', id: 'a', image: new Blob([]) },
      { v: 1, type: 'caption-image', id: 'a', image: new ArrayBuffer(0) },
      { v: 1, type: 'caption-image', id: 'a', image: { size: 4 } },
    ];
    for (const message of bad) expect(parseHostMessage(message), JSON.stringify(message)).toMatchObject({ ok: false });
    expect(parseHostMessage({ v: 1, type: 'caption-image', id: 'x'.repeat(64), image: png }).ok).toBe(true);
  });

  it('refuses an image over the size limit without reading it', () => {
    const big = { size: MAX_IMAGE_BYTES + 1 } as unknown as Blob;
    Object.setPrototypeOf(big, Blob.prototype);
    expect(parseHostMessage({ v: 1, type: 'caption-image', id: 'a', image: big })).toEqual({
      ok: false,
      reason: `'caption-image' image is ${MAX_IMAGE_BYTES + 1} bytes; at most ${MAX_IMAGE_BYTES}`,
    });
  });

  it('refuses settings of the wrong type', () => {
    expect(parseHostMessage({ v: 1, type: 'settings', refine: 'yes' })).toMatchObject({ ok: false });
    expect(parseHostMessage({ v: 1, type: 'settings', style: 'long' })).toMatchObject({ ok: false });
    expect(parseHostMessage({ v: 1, type: 'settings', refine: null })).toMatchObject({ ok: false });
  });

  it('survives 1,000 random messages: never throws, accepts only well-formed ones', () => {
    const random = mulberry32(7);
    let accepted = 0;
    for (let i = 0; i < 1000; i++) {
      const message = randomValue(random, 0);
      const parsed = parseHostMessage(message);
      if (!parsed.ok) continue;
      accepted++;
      // What is accepted is exactly a v1 message of a known type, with nothing extra.
      expect(parsed.message.v).toBe(1);
      expect(['caption-image', 'pause', 'resume', 'settings']).toContain(parsed.message.type);
      const allowed = { 'caption-image': ['id', 'image'], pause: [], resume: [], settings: ['refine', 'style'] };
      for (const key of Object.keys(parsed.message)) {
        expect(['v', 'type', ...allowed[parsed.message.type]]).toContain(key);
      }
    }
    // The generator does produce some valid ones, so acceptance is exercised too.
    expect(accepted).toBeGreaterThan(10);
    expect(accepted).toBeLessThan(1000);
  });
});

describe('parseWidgetMessage', () => {
  const info = {
    protocol: 1,
    mode: 'demo',
    backend: 'wasm',
    wasmThreads: 1,
    crossOriginIsolated: false,
    model: { url: 'https://a/models/x/', name: 'x' },
    refine: true,
    style: 'detailed',
  };
  const caption = {
    v: 1,
    type: 'caption',
    text: 'a red circle',
    coarse: 'a circle',
    refined: 'a red circle',
    regions: [{ x: 1, y: 2, w: 3, h: 4, score: 0.5 }],
    time: 120,
    width: 256,
    height: 256,
  };

  it('accepts well-formed messages and keeps only the fields it knows', () => {
    expect(parseWidgetMessage({ v: 1, type: 'ready', info })).toEqual({
      ok: true,
      message: { v: 1, type: 'ready', info },
    });
    expect(parseWidgetMessage({ ...caption, id: 'q', extra: 'from a newer widget' })).toEqual({
      ok: true,
      message: { ...caption, id: 'q' },
    });
    const objects = [{ name: 'ball', label: 'sports ball', x: 1, y: 2, w: 3, h: 4, score: 0.4, hedged: true }];
    expect(parseWidgetMessage({ ...caption, objects })).toEqual({ ok: true, message: { ...caption, objects } });
    expect(parseWidgetMessage({ v: 1, type: 'error', name: 'ImageDecodeError', message: 'bad', id: 'q' }).ok).toBe(
      true,
    );
    expect(parseWidgetMessage({ v: 1, type: 'progress', phase: 'download', loadedBytes: 5, totalBytes: null }).ok).toBe(
      true,
    );
  });

  it('refuses malformed ones', () => {
    expect(parseWidgetMessage({ v: 1, type: 'ready', info: { ...info, backend: 'cuda' } })).toMatchObject({
      ok: false,
    });
    expect(parseWidgetMessage({ ...caption, regions: [{ x: 1 }] })).toMatchObject({ ok: false });
    const ball = { name: 'ball', label: 'sports ball', x: 1, y: 2, w: 3, h: 4, score: 0.4, hedged: true };
    for (const objects of [
      'a ball',
      [{ ...ball, hedged: 'yes' }],
      [{ ...ball, name: '' }],
      [{ ...ball, label: 'x'.repeat(65) }],
      [{ ...ball, x: Infinity }],
    ]) {
      expect(parseWidgetMessage({ ...caption, objects }), JSON.stringify(objects)).toMatchObject({ ok: false });
    }
    expect(parseWidgetMessage({ ...caption, time: -1 })).toMatchObject({ ok: false });
    expect(parseWidgetMessage({ ...caption, text: 5 })).toMatchObject({ ok: false });
    expect(parseWidgetMessage({ ...caption, v: 2 })).toMatchObject({ ok: false });
    expect(parseWidgetMessage({ v: 1, type: 'progress', phase: 'x', loadedBytes: 1, totalBytes: 1 })).toMatchObject({
      ok: false,
    });
    expect(parseWidgetMessage({ v: 1, type: 'error', name: 'E' })).toMatchObject({ ok: false });
    expect(parseWidgetMessage('ready')).toMatchObject({ ok: false });
  });
});

/** A small seeded PRNG (mulberry32), so the fuzz test is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random values biased towards almost-valid protocol messages. */
function randomValue(random: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const r = random();
  if (depth > 2 || r < 0.2) {
    return pick([null, undefined, 0, 1, -1, NaN, Infinity, '', 'pause', 'x'.repeat(70), true, false, 2, 1.5]);
  }
  if (r < 0.3) return Array.from({ length: Math.floor(random() * 3) }, () => randomValue(random, depth + 1));
  if (r < 0.35) return pick([new Blob([new Uint8Array(3)]), new ArrayBuffer(4), new Uint8Array(2), new Blob([])]);
  const message: Record<string, unknown> = {};
  if (random() < 0.9) message.v = pick([1, 1, 1, 2, '1', 0]);
  if (random() < 0.95) message.type = pick(['caption-image', 'pause', 'resume', 'settings', 'ready', 'x', '']);
  const keys = ['id', 'image', 'refine', 'style', 'extra', '__proto__', 'constructor'];
  for (const key of keys) {
    const odd = key === 'extra' || key === '__proto__' || key === 'constructor';
    if (random() < (odd ? 0.08 : 0.35)) {
      const value =
        key === 'image'
          ? pick([new Blob([new Uint8Array(5)]), new ArrayBuffer(3), 'img', null])
          : key === 'style'
            ? pick(['short', 'detailed', 'long', 3])
            : key === 'refine'
              ? pick([true, false, 'true', 1])
              : key === 'id'
                ? pick(['a', 'req-1', '', 'x'.repeat(65), 5])
                : randomValue(random, depth + 1);
      Object.defineProperty(message, key, { value, enumerable: true, configurable: true, writable: true });
    }
  }
  return message;
}
