import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ImagesViewPage } from './fixtures/app-views';
import { readReference, TINY_BUNDLE, TINY_FIXTURES } from './fixtures/caption-bundle';
import { MODEL_FOLDERS, startOriginServer, type OriginServer } from './fixtures/embed-servers';
import { expect, test } from './fixtures/test';

let models: OriginServer;

// The service worker is what this spec is about (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

test.beforeAll(async () => {
  models = await startOriginServer({}, MODEL_FOLDERS);
});

test.afterAll(async () => {
  await models?.close();
});

const SCENE = 'scene-1.png';
const expected = () => readReference(TINY_BUNDLE).find((i) => i.image === `images/${SCENE}` && i.style === 'detailed')!;

/** Waits until the service worker controls the page and has precached the build (it activates after install). */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, {
    timeout: 60_000,
  });
}

test.describe('offline after a first visit', () => {
  test('a reload with the network cut still opens the app and captions an image', async ({
    page,
    context,
    browserErrors,
  }) => {
    test.setTimeout(120_000);
    // The probe below, and the worker's check for a newer config.json, fail on purpose.
    browserErrors.allow(/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/);
    // The Settings model picker chooses the model (the first visit downloads and caches it).
    const tiny = `${models.origin}/models/tiny/`;
    await page.goto('/?backend=wasm#/settings');
    await page.evaluate(() => window.__glance!.runtimeSettled);
    await page.getByLabel('Model URL').fill(tiny);
    await page.getByRole('button', { name: 'Load model' }).click();
    await expect(page.getByTestId('current-model')).toHaveAttribute('data-url', tiny, { timeout: 60_000 });
    await waitForServiceWorker(page);
    await expect(page.getByTestId('shell-bytes')).not.toHaveText(/^(…|0 B)$/);

    await context.setOffline(true);
    // Offline for real: neither the app's origin nor the model's answers.
    expect(
      await page.evaluate(
        (u) =>
          fetch(u).then(
            () => 'reached',
            () => 'offline',
          ),
        `${tiny}config.json`,
      ),
    ).toBe('offline');

    await page.reload();
    const status = await page.evaluate(() => window.__glance!.runtimeSettled);
    expect(status).toMatchObject({ state: 'ready', info: { bundle: { url: tiny, captioner: true } } });
    // Every bundle file came from the Cache API.
    expect(status.state === 'ready' && status.info.bundle?.cachedFiles.length).toBe(6);

    const images = new ImagesViewPage(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Images' }).click();
    await images.drop([{ name: SCENE, type: 'image/png', bytes: readFileSync(join(TINY_FIXTURES, 'images', SCENE)) }]);
    const card = images.card(SCENE);
    await expect(card).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(card.getByTestId('refined-caption')).toHaveText(expected().refined);
  });

  test('the embed widget opens offline too, and captions a picked image', async ({ page, context, browserErrors }) => {
    test.setTimeout(120_000);
    // The worker's check for a newer config.json fails on purpose.
    browserErrors.allow(/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/);
    const tiny = `${models.origin}/models/tiny/`;
    const widgetUrl = `/embed.html?mode=image&backend=wasm&model=${encodeURIComponent(tiny)}`;
    await page.goto(widgetUrl);
    await expect(page.getByTestId('embed-status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await waitForServiceWorker(page);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('embed-status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await page.getByLabel('Choose image').setInputFiles(join(TINY_FIXTURES, 'images', SCENE));
    await expect(page.getByTestId('embed-caption')).toHaveText(expected().refined, { timeout: 60_000 });
  });
});
