import { statSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { colourListCaption } from '../scripts/hub-fixtures/colour-patches';
import { FIXTURE_ROOT } from '../scripts/hub-fixtures/design';
import { type HubServer, startHubServer } from '../scripts/hub-fixtures/hub-server';
import { ImagesViewPage } from './fixtures/app-views';
import { COLOUR_CAPTION, HUB_FAMILIES, type HubFamilyCase, picturePng } from './fixtures/hub-families';
import { realPhoto } from './fixtures/real-world';
import { expect, test } from './fixtures/test';

/**
 * Florence-2 and SmolVLM from the hub through transformers.js (docs/hub-models.md), on WASM, with their designed
 * tiny fixtures: both name the colours whose 8-pixel patches they see (scripts/hub-fixtures/colour-patches.ts), so
 * each family's glance and second look are known from the picture alone. e2e/fixtures/hub-families.ts says why
 * each picture's small object is missed by the glance and seen by the look.
 */

let hub: HubServer;

test.beforeAll(async () => {
  hub = await startHubServer({ root: FIXTURE_ROOT });
});

test.afterAll(async () => {
  await hub?.close();
});

async function loadInSettings(page: Page, url: string): Promise<void> {
  await page.getByLabel('Model URL').fill(url);
  await page.getByRole('button', { name: 'Load model' }).click();
}

for (const family of HUB_FAMILIES) {
  test.describe(`${family.name} from the hub (WASM)`, () => {
    test('loads with byte progress, captions a picture with its second look and a photo', async ({ page, glance }) => {
      test.setTimeout(150_000);
      await glance.open('?backend=wasm');
      const url = `${hub.url}${family.repoId}/resolve/main/`;

      const events = await glance.loadWithProgress(url);
      const downloads = events.filter((e) => e.phase === 'download');
      const last = downloads.at(-1)!;
      const onnxBytes = family.q8Onnx.reduce((sum, f) => sum + statSync(join(FIXTURE_ROOT, family.repoId, f)).size, 0);
      expect(last.totalBytes).toBe(last.loadedBytes);
      expect(last.loadedBytes).toBeGreaterThanOrEqual(onnxBytes);
      for (const file of family.q8Onnx)
        expect(downloads.some((e) => e.file === file && e.fileTotal !== null)).toBe(true);
      expect(events.map((e) => e.phase).slice(-2)).toEqual(['warmup', 'ready']);
      const info = await glance.info();
      expect(info.bundle).toMatchObject({ name: family.repoId, modelType: family.modelType, dtype: 'q8' });
      expect(info.bundle!.parts).toEqual([...family.q8Onnx].sort());

      // As a user does it: the bare hub id in Settings, with the picker's byte progress, the badge, then Images.
      // The app asks huggingface.co; this test answers from the local hub, each weight file a little late so that
      // the progress can be seen.
      const asked: string[] = [];
      await page.context().route('https://huggingface.co/**', async (route) => {
        asked.push(route.request().url());
        const local = route.request().url().replace('https://huggingface.co/', hub.url);
        if (local.endsWith('.onnx') && route.request().method() === 'GET') await delay(300);
        await route.fulfill({ response: await route.fetch({ url: local }) });
      });
      await loadInSettings(page, family.repoId);
      await expect(page.getByTestId('model-change')).toContainText(/Loading .+: [\d.]+ K?B of [\d.]+ K?B/);
      await expect(page.getByTestId('current-model')).toHaveAttribute('data-url', family.repoId, { timeout: 60_000 });
      const hubBase = `https://huggingface.co/${family.repoId}/resolve/main/`;
      expect(asked).toEqual(expect.arrayContaining(['config.json', ...family.q8Onnx].map((f) => hubBase + f)));
      await expect(glance.badge).toHaveText('WASM x2 threads · q8');

      const picture = picturePng(family.picture);
      const photo = realPhoto('horses');
      const images = new ImagesViewPage(page);
      await glance.navLink('Images').click();
      await images.drop([{ name: 'picture.png', type: 'image/png', bytes: picture }, photo]);
      const card = images.card('picture.png');
      await expect(card).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
      await expect(card.getByTestId('coarse-caption')).toHaveText(family.coarse);
      await expect(card.getByTestId('refined-caption')).toHaveText(family.refined);
      // The card names the model that captioned it (cards stay when the model changes).
      await expect(card.locator('.timings summary')).toContainText(`on wasm · ${family.repoId}`);
      await expectFirstRegionHolds(card, family);

      const photoCard = images.card(photo.name);
      await expect(photoCard).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
      await expect(photoCard.getByTestId('coarse-caption')).toHaveText(COLOUR_CAPTION);
    });

    test('streams tokens, is cancelled mid-caption, and loads from the cache when the hub is gone', async ({
      page,
      glance,
    }) => {
      test.setTimeout(150_000);
      const own = await startHubServer({ root: FIXTURE_ROOT });
      const url = `${own.url}${family.repoId}/resolve/main/`;
      try {
        await glance.open(`?backend=wasm&model=${encodeURIComponent(url)}`);
        expect((await glance.info()).bundle).toMatchObject({ name: family.repoId, dtype: 'q8' });
        const run = await page.evaluate(
          async (png) => {
            const client = window.__glance!.client;
            const bitmap = () => createImageBitmap(new Blob([new Uint8Array(png)], { type: 'image/png' }));
            const pieces: string[] = [];
            const done = await client.caption(
              await bitmap(),
              { refine: false },
              { onEvent: (e) => e.type === 'token' && e.pass === 'coarse' && pieces.push(e.text) },
            );
            // Cancelled once the coarse caption is out, while the second look runs.
            const abort = new AbortController();
            const cancelled = await client
              .caption(
                await bitmap(),
                {},
                { signal: abort.signal, onEvent: (e) => e.type === 'caption' && abort.abort() },
              )
              .then(
                () => 'finished',
                (error: Error) => error.name,
              );
            const pending = await client.pendingJobs();
            const after = await client.caption(await bitmap());
            return { pieces, coarse: done.coarse.text, cancelled, pending, after: after.refined?.text };
          },
          Array.from(picturePng(family.picture)),
        );
        expect(run.coarse).toBe(family.coarse);
        expect(run.pieces.length).toBeGreaterThan(3);
        expect(run.pieces.join('')).toBe(run.coarse);
        expect(run.cancelled).toBe('AbortError');
        expect(run.pending).toEqual([]);
        expect(run.after).toBe(family.refined);
      } finally {
        await own.close();
      }

      // The hub is gone: a reload loads the model from transformers.js's cache and captions.
      await page.reload();
      await page.evaluate(() => window.__glance!.runtimeSettled);
      const info = await glance.info();
      expect(info.bundle).toMatchObject({ name: family.repoId, dtype: 'q8', captioner: true });
      expect(info.bundle!.cachedFiles).toEqual(expect.arrayContaining(family.q8Onnx));
      const caption = await page.evaluate(async () => {
        const canvas = new OffscreenCanvas(64, 64);
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = 'rgb(30, 200, 40)';
        ctx.fillRect(0, 0, 64, 64);
        return (await window.__glance!.client.caption(canvas.transferToImageBitmap(), { refine: false })).coarse.text;
      });
      expect(caption).toBe(colourListCaption(['green']));
    });
  });
}

/** The first region drawn on the card holds the centre of the object that only the second look sees. */
async function expectFirstRegionHolds(card: ReturnType<ImagesViewPage['card']>, family: HubFamilyCase) {
  const drawn = JSON.parse((await card.getByTestId('card-overlay').getAttribute('data-drawn')) ?? '{}');
  const scale = drawn.picture.w / family.picture.width;
  const { x, y, w, h } = family.lookAt;
  const centre = { x: drawn.picture.x + (x + w / 2) * scale, y: drawn.picture.y + (y + h / 2) * scale };
  const first = drawn.boxes[0];
  expect(centre.x).toBeGreaterThanOrEqual(first.x);
  expect(centre.x).toBeLessThanOrEqual(first.x + first.w);
  expect(centre.y).toBeGreaterThanOrEqual(first.y);
  expect(centre.y).toBeLessThanOrEqual(first.y + first.h);
}
