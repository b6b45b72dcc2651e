import { hostPage, MODEL_FOLDERS, startOriginServer, type OriginServer } from './fixtures/embed-servers';
import { BrowserErrors, expect, test } from './fixtures/test';

let host: OriginServer;

test.beforeAll(async ({ baseURL }) => {
  host = await startOriginServer({ '/host.html': hostPage(new URL(baseURL!).origin) }, MODEL_FOLDERS);
});

test.afterAll(async () => {
  await host?.close();
});

test.describe('embed widget in camera mode', () => {
  test('a cross-origin widget with allow="camera" opens the webcam when the user presses Start and captions it', async ({
    playwright,
  }, testInfo) => {
    test.setTimeout(120_000);
    const launch = testInfo.project.use.launchOptions ?? {};
    // Chromium's fake webcam (a test pattern) and an automatic yes to the permission prompt.
    const browser = await playwright.chromium.launch({
      ...launch,
      args: [...(launch.args ?? []), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
    try {
      const page = await browser.newPage();
      const errors = new BrowserErrors(page);
      const model = `${host.origin}/models/tiny/`;
      await page.goto(`${host.origin}/host.html?mode=camera&model=${encodeURIComponent(model)}`);
      await page.evaluate(() => (window as unknown as { readyResult: Promise<unknown> }).readyResult);
      expect(await page.locator('iframe').getAttribute('allow')).toBe('camera; cross-origin-isolated');

      const widget = page.frameLocator('iframe');
      // No camera until the user asks for it.
      const liveCaptions = () =>
        page.evaluate(
          () =>
            (window as unknown as { hostEvents: { type: string; payload: { id?: string } }[] }).hostEvents.filter(
              (e) => e.type === 'caption' && !e.payload.id,
            ).length,
        );
      expect(await liveCaptions()).toBe(0);
      await widget.getByRole('button', { name: 'Start camera' }).click();
      await expect.poll(liveCaptions, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
      // The fake webcam's 640x480 picture is what was captioned.
      const sizes = await page.evaluate(() =>
        (window as unknown as { hostEvents: { type: string; payload: { width: number; height: number } }[] }).hostEvents
          .filter((e) => e.type === 'caption')
          .map((e) => `${e.payload.width}x${e.payload.height}`),
      );
      expect(new Set(sizes)).toEqual(new Set(['640x480']));
      expect(errors.unexpected()).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
