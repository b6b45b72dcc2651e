import { hostPage, MODEL_FOLDERS, startOriginServer, type OriginServer } from './fixtures/embed-servers';
import { badFiles, HUGE_SIDE } from './fixtures/reliability-files';
import { expect, test } from './fixtures/test';

let host: OriginServer;
let widgetOrigin: string;

test.beforeAll(async ({ baseURL }) => {
  widgetOrigin = new URL(baseURL!).origin;
  host = await startOriginServer(
    {
      '/host.html': hostPage(widgetOrigin),
      '/blank.html': '<!doctype html><title>b</title><link rel="icon" href="data:,">',
    },
    MODEL_FOLDERS,
  );
});

test.afterAll(async () => {
  await host?.close();
});

/** Bad files and foreign origins at the embed widget (docs/embed.md's protocol), hosted on another origin. */
test.describe('embed widget: bad files and origins', () => {
  test('every bad file a host sends gets a caption or a named error; the requests all settle', async ({ page }) => {
    test.setTimeout(180_000);
    // When the widget's <img> shows a file that does not decode (text, a truncated JPEG), Chromium itself re-reads
    // its blob: URL; the widget's CSP allows blob: in connect-src for that, so no error may be logged here.
    const model = `${host.origin}/models/tiny/`;
    await page.goto(`${host.origin}/host.html?mode=image&model=${encodeURIComponent(model)}`);
    const ready = await page.evaluate(
      () => (window as unknown as { readyResult: Promise<{ ok: boolean }> }).readyResult,
    );
    expect(ready).toMatchObject({ ok: true });

    const outcomes = await page.evaluate(
      async (files) => {
        const widget = (window as unknown as { widget: { caption(b: Blob): Promise<Record<string, unknown>> } }).widget;
        const out: Record<string, unknown> = {};
        // One after another, as a host with a file list would; a request that never settles fails the test.
        for (const f of files) {
          const blob = new Blob([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], { type: f.type });
          try {
            const c = await Promise.race([
              widget.caption(blob),
              new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in 20 s')), 20_000)),
            ]);
            out[f.name] = { ok: true, width: c.width, height: c.height, text: typeof c.text };
          } catch (e) {
            out[f.name] = { ok: false, name: (e as Error).name, message: (e as Error).message };
          }
        }
        return out;
      },
      badFiles().map((f) => ({ name: f.name, type: f.type, b64: Buffer.from(f.bytes).toString('base64') })),
    );

    const decodeError = (message: RegExp) => ({
      ok: false,
      name: 'ImageDecodeError',
      message: expect.stringMatching(message),
    });
    expect(outcomes).toEqual({
      // Refused by the host script before it is sent: the widget ignores malformed requests without a word.
      'empty.png': { ok: false, name: 'InvalidInputError', message: "'caption-image' image is empty" },
      'notes.png': decodeError(/^not an image/),
      'truncated.png': decodeError(/^the PNG file \(64 x 64\) is truncated/),
      'truncated.jpg': decodeError(/^the JPEG file \(64 x 48\) is truncated/),
      'huge.png': { ok: true, width: HUGE_SIDE, height: HUGE_SIDE, text: 'string' },
      'good.png': { ok: true, width: 64, height: 64, text: 'string' },
      'one-pixel.png': { ok: true, width: 1, height: 1, text: 'string' },
      'panorama.png': { ok: true, width: 20_000, height: 20, text: 'string' },
      'animated.gif': { ok: true, width: 64, height: 48, text: 'string' },
      'drawing.svg': decodeError(/^SVG drawings are not supported/),
      'cmyk.jpg': { ok: true, width: 64, height: 48, text: 'string' },
      'rotated.jpg': { ok: true, width: 24, height: 40, text: 'string' },
    });
  });

  test('a widget told another host origin than its parent posts nothing to it (never to "*")', async ({ page }) => {
    test.setTimeout(120_000);
    const model = encodeURIComponent(`${host.origin}/models/tiny/`);
    await page.goto(`${host.origin}/blank.html`);
    const received = await page.evaluate(
      async ({ widgetOrigin, hostOrigin, model }) => {
        const seen: { from: string; type: string }[] = [];
        addEventListener('message', (e) =>
          seen.push({ from: e.source === frames[0] ? 'wrong' : 'right', type: String(e.data?.type) }),
        );
        const frame = (origin: string) => {
          const iframe = document.createElement('iframe');
          iframe.src = `${widgetOrigin}/embed.html?mode=image&model=${model}&origin=${encodeURIComponent(origin)}`;
          document.body.append(iframe);
        };
        // First the widget that believes its host is elsewhere, then a control that is told the truth.
        frame('https://elsewhere.example');
        frame(hostOrigin);
        const deadline = performance.now() + 90_000;
        while (!seen.some((m) => m.from === 'right' && m.type === 'ready') && performance.now() < deadline) {
          await new Promise((r) => setTimeout(r, 200));
        }
        // Both widgets load the same model; give the first as long again after the control was ready.
        await new Promise((r) => setTimeout(r, 3000));
        return seen;
      },
      { widgetOrigin, hostOrigin: host.origin, model },
    );
    expect(
      received.some((m) => m.from === 'right' && m.type === 'ready'),
      'the control widget is ready',
    ).toBe(true);
    expect(received.filter((m) => m.from === 'wrong')).toEqual([]);
    // The first widget did load its model: it has something to say, and says it to no one.
    const wrong = page.frames().find((f) => decodeURIComponent(f.url()).includes('elsewhere.example'))!;
    expect(await wrong.evaluate(() => window.__glanceEmbed!.snapshot().model.state)).toBe('ready');
  });
});
