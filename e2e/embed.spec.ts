import type { Frame, Page } from '@playwright/test';
import { FIXTURE_ROOT } from '../scripts/hub-fixtures/design';
import { startHubServer } from '../scripts/hub-fixtures/hub-server';
import { captionMisfit, plainTestScenes, testSplitPng } from './fixtures/app-views-world';
import { readReference, TINY_BUNDLE } from './fixtures/caption-bundle';
import { hostPage, MODEL_FOLDERS, startOriginServer, THIRD_PAGE, type OriginServer } from './fixtures/embed-servers';
import { HUB_FAMILIES, picturePng } from './fixtures/hub-families';
import { parseCaption } from '../src/core/real/parse-caption';
import { namedClasses, realPhoto } from './fixtures/real-world';
import { expect, test } from './fixtures/test';

/** Events the host page recorded (window.hostEvents). */
interface HostEvent {
  type: 'ready' | 'caption' | 'progress' | 'error';
  payload: Record<string, unknown>;
}

let host: OriginServer;
let third: OriginServer;

test.beforeAll(async ({ baseURL }) => {
  const widgetOrigin = new URL(baseURL!).origin;
  host = await startOriginServer({ '/host.html': hostPage(widgetOrigin) }, MODEL_FOLDERS);
  third = await startOriginServer({ '/third.html': THIRD_PAGE });
});

test.afterAll(async () => {
  await host?.close();
  await third?.close();
});

/** The tiny bundle's PyTorch reference caption for one image and style (independent of the browser code). */
function reference(image: string, style: 'short' | 'detailed') {
  const item = readReference(TINY_BUNDLE).find((i) => i.image === `images/${image}` && i.style === style);
  if (!item) throw new Error(`no reference for ${image} ${style}`);
  return item;
}

async function openHost(page: Page, query: string): Promise<Frame> {
  await page.goto(`${host.origin}/host.html?${query}`);
  const ready = await page.evaluate(() => (window as unknown as { readyResult: Promise<unknown> }).readyResult);
  expect(ready).toMatchObject({ ok: true });
  const frame = page.frames().find((f) => f.url().includes('/embed.html'));
  if (!frame) throw new Error('the widget frame is missing');
  return frame;
}

function hostEvents(page: Page): Promise<HostEvent[]> {
  return page.evaluate(() => (window as unknown as { hostEvents: HostEvent[] }).hostEvents);
}

function captionUrl(page: Page, url: string) {
  return page.evaluate(
    (u) => (window as unknown as { captionUrl: (u: string) => Promise<Record<string, unknown>> }).captionUrl(u),
    url,
  );
}

test.describe('embed widget on a page of another origin', () => {
  test('sends ready and live captions of the demo camera, and captions an image the host sends', async ({ page }) => {
    const model = `${host.origin}/models/tiny/`;
    const widgetPage = page.waitForResponse((r) => new URL(r.url()).pathname === '/embed.html');
    const frame = await openHost(page, `mode=demo&model=${encodeURIComponent(model)}`);
    // Framable by isolated hosts, and a strict CSP: no inline script, no eval but WebAssembly's (docs/embed.md).
    // A violation would be a console error, which fails the test.
    const headers = (await widgetPage).headers();
    expect(headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(headers['content-security-policy']).not.toMatch(/unsafe-inline|'unsafe-eval'/);

    let events = await hostEvents(page);
    const info = events.find((e) => e.type === 'ready')!.payload;
    // The host page is not cross-origin isolated, so neither is the widget: one WASM thread, and it says so.
    expect(info).toMatchObject({
      protocol: 1,
      mode: 'demo',
      backend: 'wasm',
      wasmThreads: 1,
      crossOriginIsolated: false,
      model: { url: model, name: 'tiny' },
    });
    expect(events.some((e) => e.type === 'progress')).toBe(true);
    await expect(frame.getByTestId('embed-status')).toHaveText(/WASM x1 \(not cross-origin isolated\)/);

    // Live captions of the demo camera arrive without an id.
    await expect
      .poll(async () => (await hostEvents(page)).filter((e) => e.type === 'caption' && !e.payload.id).length, {
        timeout: 60_000,
      })
      .toBeGreaterThanOrEqual(2);
    events = await hostEvents(page);
    const live = events.find((e) => e.type === 'caption')!.payload;
    expect(live).toMatchObject({ width: 256, height: 256 });
    expect(typeof live.text).toBe('string');
    expect((live.regions as unknown[]).length).toBeGreaterThan(0);

    // An image the host sends comes back with its id and the reference caption.
    const result = await captionUrl(page, `${host.origin}/images/scene-1.png`);
    const expected = reference('scene-1.png', 'detailed');
    expect(result).toMatchObject({
      ok: true,
      caption: { id: 'g1', coarse: expected.coarse, refined: expected.refined, text: expected.refined },
    });

    // Pause stops live captions; settings apply to the next caption.
    await page.evaluate(() => (window as unknown as { widget: { pause(): void } }).widget.pause());
    await expect(frame.getByTestId('embed-status')).toHaveText(/^Paused/);
    await page.evaluate(() =>
      (window as unknown as { widget: { setSettings(s: object): void } }).widget.setSettings({ style: 'short' }),
    );
    const short = await captionUrl(page, `${host.origin}/images/scene-1.png`);
    expect(short).toMatchObject({ ok: true, caption: { refined: reference('scene-1.png', 'short').refined } });
    const countAfterPause = (await hostEvents(page)).filter((e) => e.type === 'caption' && !e.payload.id).length;
    await page.waitForTimeout(1500);
    // At most the frame that was in flight when pause arrived.
    const liveNow = (await hostEvents(page)).filter((e) => e.type === 'caption' && !e.payload.id).length;
    expect(liveNow - countAfterPause).toBeLessThanOrEqual(1);
  });

  test('ignores a third origin and malformed messages, and answers a bad image with an error', async ({ page }) => {
    const model = `${host.origin}/models/tiny/`;
    const frame = await openHost(page, `mode=image&model=${encodeURIComponent(model)}`);

    await page.evaluate((src) => {
      const iframe = document.createElement('iframe');
      iframe.src = src;
      document.body.append(iframe);
      return new Promise((resolve) => iframe.addEventListener('load', resolve));
    }, `${third.origin}/third.html`);
    const thirdFrame = page.frames().find((f) => f.url().startsWith(third.origin))!;
    const sent = await thirdFrame.evaluate(async () => {
      const png = await new Blob([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], { type: 'image/png' });
      const attack = (window as unknown as { attack: (m: unknown[]) => number }).attack;
      return attack([
        { v: 1, type: 'pause' },
        { v: 1, type: 'settings', style: 'short' },
        { v: 1, type: 'caption-image', id: 'evil', image: png },
        ...Array.from({ length: 47 }, (_, i) => ({ v: 1, type: 'caption-image', id: `evil${i}`, image: png })),
      ]);
    });
    expect(sent).toBe(50);
    await expect.poll(() => frame.evaluate(() => window.__glanceEmbed!.ignored.wrongOrigin)).toBe(50);
    const snapshot = await frame.evaluate(() => window.__glanceEmbed!.snapshot());
    expect(snapshot).toMatchObject({ paused: false, style: 'detailed', pendingImages: 0 });

    // 1,000 random messages from the right origin and window: every malformed one ignored, nothing breaks.
    const fuzz = await page.evaluate(() => {
      let seed = 11;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
      const target = (window as unknown as { widget: { iframe: HTMLIFrameElement; origin: string } }).widget;
      let wellFormed = 0;
      for (let i = 0; i < 1000; i++) {
        const message: Record<string, unknown> = {};
        if (random() < 0.9) message.v = pick([1, 1, 2, '1']);
        if (random() < 0.9) message.type = pick(['pause', 'resume', 'settings', 'caption-image', 'ready', 'x']);
        if (random() < 0.3) message.style = pick(['short', 'detailed', 'huge', 1]);
        if (random() < 0.3) message.refine = pick([true, 'no', 0]);
        if (random() < 0.2) message.id = pick(['', 'x'.repeat(80), 7]);
        if (random() < 0.2) message.extra = pick([{}, [], 'a']);
        const data = random() < 0.1 ? pick([null, 'pause', 42, [message]]) : message;
        const keys = Object.keys(message).filter((k) => k !== 'v' && k !== 'type');
        const ok =
          data === message &&
          message.v === 1 &&
          (((message.type === 'pause' || message.type === 'resume') && keys.length === 0) ||
            (message.type === 'settings' &&
              keys.every((k) => k === 'style' || k === 'refine') &&
              (!('style' in message) || message.style === 'short' || message.style === 'detailed') &&
              (!('refine' in message) || message.refine === true)));
        if (ok) wellFormed++;
        target.iframe.contentWindow!.postMessage(data, target.origin);
      }
      // Leave the widget as it was: running, detailed.
      target.iframe.contentWindow!.postMessage({ v: 1, type: 'resume' }, target.origin);
      target.iframe.contentWindow!.postMessage({ v: 1, type: 'settings', style: 'detailed' }, target.origin);
      return { wellFormed, malformed: 1000 - wellFormed };
    });
    await expect.poll(() => frame.evaluate(() => window.__glanceEmbed!.ignored.badShape)).toBe(fuzz.malformed);
    expect(fuzz.wellFormed).toBeGreaterThan(20);

    // The widget still works for its host; the third origin heard nothing and got no caption.
    const result = await captionUrl(page, `${host.origin}/images/scene-1.png`);
    expect(result).toMatchObject({ ok: true, caption: { refined: reference('scene-1.png', 'detailed').refined } });
    expect(await thirdFrame.evaluate(() => (window as unknown as { received: unknown[] }).received)).toEqual([]);
    const events = await hostEvents(page);
    expect(events.filter((e) => String(e.payload.id ?? '').startsWith('evil'))).toEqual([]);

    // A file that is not an image: an error for that request, by name.
    const bad = await page.evaluate(async () => {
      const widget = (window as unknown as { widget: { caption(b: Blob): Promise<unknown> } }).widget;
      try {
        await widget.caption(new Blob([new TextEncoder().encode('not an image')], { type: 'image/png' }));
        return { ok: true };
      } catch (e) {
        return { ok: false, name: (e as Error).name };
      }
    });
    expect(bad).toEqual({ ok: false, name: 'ImageDecodeError' });
  });

  test('inside a cross-origin-isolated host (the Embed tab of the app) the widget is isolated too and runs WASM threads', async ({
    page,
  }) => {
    const model = `${host.origin}/models/tiny/`;
    await page.goto('/?backend=wasm#/settings');
    await page.evaluate(() => window.__glance!.runtimeSettled);
    await page.getByLabel('Model URL').fill(model);
    await page.getByRole('button', { name: 'Load model' }).click();
    await expect(page.getByTestId('current-model')).toHaveAttribute('data-url', model, { timeout: 60_000 });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Embed' }).click();
    await expect(page.getByTestId('embed-snippet')).toContainText(`model: "${model}"`);
    await page.getByRole('button', { name: 'Start preview' }).click();
    const events = page.getByTestId('embed-preview-events');
    await expect(page.getByTestId('embed-preview-ready')).toHaveText('Widget ready: wasm, 2 thread(s)', {
      timeout: 60_000,
    });
    await expect(events).toContainText('caption: ', { timeout: 60_000 });
    const frame = page.frames().find((f) => f.url().includes('/embed.html'))!;
    expect(await frame.evaluate(() => window.crossOriginIsolated)).toBe(true);

    await page.getByRole('button', { name: 'Stop preview' }).click();
    await expect(page.getByTestId('embed-preview')).toHaveCount(0);
  });

  test('with its default model (no model parameter) the widget describes a real photo it is sent', async ({ page }) => {
    const frame = await openHost(page, 'mode=image');
    const info = (await hostEvents(page)).find((e) => e.type === 'ready')!.payload;
    expect(info).toMatchObject({ model: { name: 'glance-real-v1' }, crossOriginIsolated: false, wasmThreads: 1 });

    const photo = realPhoto('horses');
    const result = (await page.evaluate(async (data) => {
      const widget = (window as unknown as { widget: { caption(b: Blob): Promise<unknown> } }).widget;
      return widget.caption(new Blob([new Uint8Array(data)], { type: 'image/jpeg' }));
    }, Array.from(photo.bytes))) as {
      text: string;
      refined: string;
      time: number;
      width: number;
      height: number;
      objects: { name: string; label: string; x: number; y: number; w: number; h: number }[];
    };
    expect(namedClasses(result.refined), `"${result.refined}"`).toEqual(photo.classes);
    expect(result.text).toBe(result.refined);
    // The objects the caption names come with it, boxed in the picture's pixels.
    const named = parseCaption(result.refined).items.reduce((n, i) => n + i.count, 0);
    expect(result.objects).toHaveLength(named);
    for (const o of result.objects) {
      expect(photo.classes.has(o.label), o.label).toBe(true);
      expect(o.x >= 0 && o.y >= 0 && o.x + o.w <= result.width + 1 && o.y + o.h <= result.height + 1).toBe(true);
    }
    await expect(frame.getByTestId('embed-caption')).toHaveText(result.text);
    // A screen reader is told too (an image's caption at once; a camera's are paced).
    await expect(frame.getByRole('status').filter({ hasText: result.text })).toHaveAttribute('aria-live', 'polite');
    test.info().annotations.push({ type: 'caption time (ms, WASM x1)', description: String(result.time) });
  });

  test('with model=world the widget runs the scene-world model and describes a world image', async ({ page }) => {
    const frame = await openHost(page, 'mode=image&model=world');
    const info = (await hostEvents(page)).find((e) => e.type === 'ready')!.payload;
    expect(info).toMatchObject({ model: { name: 'glance-world-v3' } });

    const { scene, bytes } = testSplitPng(plainTestScenes(1)[0]);
    const result = (await page.evaluate(async (data) => {
      const widget = (window as unknown as { widget: { caption(b: Blob): Promise<unknown> } }).widget;
      return widget.caption(new Blob([new Uint8Array(data)], { type: 'image/png' }));
    }, Array.from(bytes))) as { text: string; refined: string; time: number };
    expect(captionMisfit(result.refined, scene.objects), `"${result.refined}"`).toBeNull();
    expect(result.text).toBe(result.refined);
    expect(result).not.toHaveProperty('objects');
    await expect(frame.getByTestId('embed-caption')).toHaveText(result.text);
    test.info().annotations.push({ type: 'caption time (ms, WASM x1)', description: String(result.time) });
  });
  test('with model=ORG/NAME the widget runs that hub model through transformers.js, second look included', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    // SmolVLM, whose look is one prompt with close-ups; the widget asks huggingface.co, answered from the local hub.
    const family = HUB_FAMILIES.find((f) => f.modelType === 'idefics3')!;
    const hub = await startHubServer({ root: FIXTURE_ROOT });
    try {
      await page.context().route('https://huggingface.co/**', async (route) => {
        const local = route.request().url().replace('https://huggingface.co/', hub.url);
        await route.fulfill({ response: await route.fetch({ url: local }) });
      });
      const frame = await openHost(page, `mode=image&model=${encodeURIComponent(family.repoId)}`);
      const info = (await hostEvents(page)).find((e) => e.type === 'ready')!.payload;
      expect(info).toMatchObject({ model: { name: family.repoId } });

      const png = picturePng(family.picture);
      const result = (await page.evaluate(async (data) => {
        const widget = (window as unknown as { widget: { caption(b: Blob): Promise<unknown> } }).widget;
        return widget.caption(new Blob([new Uint8Array(data)], { type: 'image/png' }));
      }, Array.from(png))) as { text: string; coarse: string; refined: string };
      expect(result).toMatchObject({ coarse: family.coarse, refined: family.refined, text: family.refined });
      await expect(frame.getByTestId('embed-caption')).toHaveText(family.refined);
    } finally {
      await hub.close();
    }
  });
});
