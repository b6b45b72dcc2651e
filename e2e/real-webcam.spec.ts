import { fakeCameraArgs } from '../scripts/chromium-flags';
import { LiveViewPage } from './fixtures/app-views';
import { NO_REMEMBERED_MODEL, namedClasses, peopleCells, vtestPeopleCells, vtestY4m } from './fixtures/real-world';
import { BrowserErrors, expect, test } from './fixtures/test';

test.describe('Live view: a real scene on the fake webcam', () => {
  test("OpenCV's pedestrian clip: live captions name people, where the hand labels put them, as they walk", async ({
    playwright,
    baseURL,
  }, testInfo) => {
    test.setTimeout(240_000);
    const y4m = vtestY4m();
    const labelledCells = vtestPeopleCells();
    const launch = testInfo.project.use.launchOptions ?? {};
    const browser = await playwright.chromium.launch({
      ...launch,
      args: [...(launch.args ?? []), ...fakeCameraArgs(y4m)],
    });
    try {
      const context = await browser.newContext({ baseURL, storageState: NO_REMEMBERED_MODEL });
      const page = await context.newPage();
      const errors = new BrowserErrors(page);
      const live = new LiveViewPage(page);
      await live.open('?backend=wasm');
      await page.getByRole('radio', { name: 'Webcam' }).check();
      await page.getByRole('button', { name: 'Start webcam' }).click();
      await expect(page.getByRole('button', { name: 'Stop source' })).toBeVisible();

      const captions: string[] = [];
      let frameId = 0;
      while (captions.length < 3) {
        const next = await live.nextFinalCaption(frameId, 90_000);
        frameId = next.frameId;
        captions.push(next.text);
      }
      for (const text of captions) {
        expect(namedClasses(text), `"${text}"`).toContain('person');
        for (const cell of peopleCells(text)) expect(labelledCells, `"${text}": people in the ${cell}`).toContain(cell);
      }
      // The people walk: the captions do not all say the same.
      expect(new Set(captions).size, captions.join(' | ')).toBeGreaterThan(1);
      expect(errors.unexpected()).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
