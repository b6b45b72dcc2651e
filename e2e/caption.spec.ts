import { captionInPage } from './fixtures/caption-bundle';
import { expectTinyParity, serveTinyBundle } from './fixtures/caption-parity';
import { expect, test } from './fixtures/test';

test.describe('captioning in the app worker on WASM', () => {
  test('tiny bundle: captions equal the PyTorch reference token for token (image files)', async ({ glance }) => {
    test.setTimeout(120_000);
    await glance.openWithFixture('?backend=wasm');
    await expectTinyParity(glance.page, 'wasm', 'blob');
  });

  test('tiny bundle: the same from an ImageBitmap, a VideoFrame and ImageData', async ({ glance }) => {
    test.setTimeout(180_000);
    await glance.openWithFixture('?backend=wasm');
    const urls = await serveTinyBundle(glance.page);
    await glance.page.evaluate((u) => window.__glance!.client.load(u), urls.bundle);
    const image = `${urls.images}images/scene-1.png`;
    const fromBlob = await captionInPage(glance.page, image, { style: 'detailed' }, 'blob');
    for (const kind of ['bitmap', 'videoframe', 'imagedata'] as const) {
      const got = await captionInPage(glance.page, image, { style: 'detailed' }, kind);
      expect(got.coarse.tokens, kind).toEqual(fromBlob.coarse.tokens);
      expect(got.refined?.tokens, kind).toEqual(fromBlob.refined?.tokens);
      expect(got.frame, kind).toEqual(fromBlob.frame);
    }
  });
});
