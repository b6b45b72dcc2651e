import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ImagesViewPage, LiveViewPage } from './fixtures/app-views';
import { testSplitPng } from './fixtures/app-views-world';
import { expect, test } from './fixtures/test';
import { testVideo, VideoViewPage } from './fixtures/video-view';

/** Git-ignored; a person looks at these after a run (README: "Screenshots"). */
const DIR = join('e2e', '.artifacts', 'screenshots');
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

test.describe('screenshots of the views', () => {
  test.beforeAll(() => mkdirSync(DIR, { recursive: true }));

  // One page per size visits the views (a model load per view would cost half a minute on two cores).
  for (const [sizeName, viewport] of Object.entries(SIZES)) {
    test(`Images, Live and Video at ${sizeName} size (${viewport.width}x${viewport.height})`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize(viewport);
      const images = new ImagesViewPage(page);
      await images.open('?backend=wasm');
      await images.drop([
        ...[3, 4].map((i) => ({ name: `scene-${i}.png`, type: 'image/png', bytes: testSplitPng(i).bytes })),
        { name: 'notes.png', type: 'image/png', bytes: new TextEncoder().encode('not an image') },
      ]);
      await expect(images.progress).toHaveAttribute('aria-valuenow', '3', { timeout: 150_000 });
      await expectNoHorizontalScroll(page);
      await page.screenshot({ path: join(DIR, `images-${sizeName}.png`), fullPage: true });

      await page.evaluate(() => void (window.location.hash = '#/live'));
      const live = new LiveViewPage(page);
      await live.nextFinalCaption(0, 90_000);
      await expectNoHorizontalScroll(page);
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.screenshot({ path: join(DIR, `live-${sizeName}.png`), fullPage: true });

      await page.evaluate(() => void (window.location.hash = '#/video'));
      const video = new VideoViewPage(page);
      await video.pick(testVideo('world-scenes.webm'));
      await video.waitForPhase('done', 150_000);
      await video.sceneButtons().nth(2).click();
      await expectNoHorizontalScroll(page);
      await page.screenshot({ path: join(DIR, `video-${sizeName}.png`), fullPage: true });
    });
  }
});

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(innerWidth);
}
