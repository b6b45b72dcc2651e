import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ImagesViewPage } from './fixtures/app-views';
import { readReference, TINY_BUNDLE, TINY_FIXTURES } from './fixtures/caption-bundle';
import { MODEL_FOLDERS, startOriginServer, type OriginServer } from './fixtures/embed-servers';
import { expect, test } from './fixtures/test';

/** Every file of a bundle (docs/model-format.md). */
const BUNDLE_FILES = [
  'config.json',
  'tokenizer.json',
  'onnx/vision_encoder.onnx',
  'onnx/embed_tokens.onnx',
  'onnx/connector.onnx',
  'onnx/decoder_model_merged.onnx',
];

let models: OriginServer;
let broken: string;

test.beforeAll(async () => {
  // Two broken copies of the tiny bundle: one lacks its tokenizer, one has a config without decoder.vocab_size.
  broken = mkdtempSync(join(tmpdir(), 'glance-broken-'));
  cpSync(TINY_BUNDLE, join(broken, 'no-tokenizer'), { recursive: true });
  rmSync(join(broken, 'no-tokenizer', 'tokenizer.json'));
  cpSync(TINY_BUNDLE, join(broken, 'bad-config'), { recursive: true });
  const config = JSON.parse(readFileSync(join(TINY_BUNDLE, 'config.json'), 'utf8'));
  delete config.decoder.vocab_size;
  writeFileSync(join(broken, 'bad-config', 'config.json'), JSON.stringify(config));
  models = await startOriginServer({}, { ...MODEL_FOLDERS, '/broken/': broken });
});

test.afterAll(async () => {
  await models?.close();
  if (broken) rmSync(broken, { recursive: true, force: true });
});

async function loadModel(page: Page, url: string): Promise<void> {
  await page.getByLabel('Model URL').fill(url);
  await page.getByRole('button', { name: 'Load model' }).click();
}

test.describe('Settings: model picker and cached models', () => {
  test('loads a bundle by URL, refuses broken ones saying what is missing, and keeps the model in use', async ({
    page,
    browserErrors,
  }) => {
    test.setTimeout(120_000);
    browserErrors.allow(/Failed to load resource: the server responded with a status of 404/);
    await page.goto('/?backend=wasm#/settings');
    await page.evaluate(() => window.__glance!.runtimeSettled);

    // The real-world bundle, once loaded, is one cached row with all its files (its ONNX parts are not the world
    // model's four, which the grouping once knew alone).
    const real = new URL('/models/glance-real-v1/', page.url()).href;
    await loadModel(page, real);
    await expect(page.getByTestId('current-model')).toHaveAttribute('data-url', real, { timeout: 60_000 });
    const realParts = (
      JSON.parse(readFileSync(join('public', 'models', 'glance-real-v1', 'config.json'), 'utf8')) as {
        parts: string[];
      }
    ).parts;
    const realRow = page.getByTestId('cached-model').and(page.locator(`[data-url="${real}"]`));
    await expect(realRow).toContainText(`in ${realParts.length + 1} files`);
    await expect(page.locator('[data-testid="cached-model"][data-url$=".onnx"]')).toHaveCount(0);

    const tiny = `${models.origin}/models/tiny/`;
    await loadModel(page, tiny);
    const current = page.getByTestId('current-model');
    await expect(current).toHaveAttribute('data-url', tiny, { timeout: 60_000 });

    // Its files are cached, with their real sizes (summed here from the files on disk).
    const size = BUNDLE_FILES.reduce((sum, file) => sum + statSync(join(TINY_BUNDLE, file)).size, 0);
    const row = page.getByTestId('cached-model').and(page.locator(`[data-url="${tiny}"]`));
    await expect(row).toContainText(`in ${BUNDLE_FILES.length} files`);
    const kib = size / 1024;
    await expect(row).toContainText(`${kib >= 100 ? Math.round(kib) : kib.toFixed(1)} KB`);

    // A bundle without its tokenizer: refused, naming the file.
    await loadModel(page, `${models.origin}/broken/no-tokenizer/`);
    const change = page.getByTestId('model-change');
    await expect(change).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
    await expect(change).toContainText('tokenizer.json not found (HTTP 404)');
    await expect(change).toContainText('Still using tiny');
    await expect(current).toHaveAttribute('data-url', tiny);

    // A config that lacks a field: refused, naming the file and the field.
    await loadModel(page, `${models.origin}/broken/bad-config/`);
    await expect(change).toContainText('bad-config', { timeout: 60_000 });
    await expect(change).toContainText('ModelFormatError');
    await expect(change).toContainText('decoder.vocab_size');
    await expect(current).toHaveAttribute('data-url', tiny);

    // The previous model still captions (same page, no reload): the tiny bundle's reference caption.
    const images = new ImagesViewPage(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Images' }).click();
    await images.drop([
      { name: 'scene-1.png', type: 'image/png', bytes: readFileSync(join(TINY_FIXTURES, 'images', 'scene-1.png')) },
    ]);
    const card = images.card('scene-1.png');
    await expect(card).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    const expected = readReference(TINY_BUNDLE).find(
      (i) => i.image === 'images/scene-1.png' && i.style === 'detailed',
    )!;
    await expect(card.getByTestId('refined-caption')).toHaveText(expected.refined);

    // Clearing the cache leaves nothing cached.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(row).toBeVisible();
    await page.getByRole('button', { name: 'Clear cached models' }).click();
    await expect(page.getByTestId('no-cached-models')).toBeVisible();
  });

  test("a returning user's retired world bundle: the successor loads, is remembered, and the old files leave the cache", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    // What a visit before the latest retraining left behind: glance-world-v2 remembered and cached.
    await page.goto('/?backend=wasm#/settings');
    await page.evaluate(() => window.__glance!.runtimeSettled);
    await page.evaluate(async () => {
      localStorage.setItem('glance.model.v1', '/models/glance-world-v2/');
      const cache = await caches.open('glance-models-v1');
      for (const file of ['config.json', 'onnx/vision_encoder.onnx'])
        await cache.put(`/models/glance-world-v2/${file}`, new Response('old bytes'));
    });

    await page.reload();
    await page.evaluate(() => window.__glance!.runtimeSettled);
    await expect(page.getByTestId('current-model')).toHaveAttribute('data-url', /\/models\/glance-world-v3\/$/);
    expect(await page.evaluate(() => localStorage.getItem('glance.model.v1'))).toBe('/models/glance-world-v3/');
    // The folders the model cache holds files of: the new bundle's, and none of the retired one's.
    const cachedFolders = () =>
      page.evaluate(async () => {
        const keys = await (await caches.open('glance-models-v1')).keys();
        return [...new Set(keys.map((r) => new URL(r.url).pathname.split('/')[2]))].sort();
      });
    await expect.poll(cachedFolders).toEqual(['glance-world-v3']);
  });
});
