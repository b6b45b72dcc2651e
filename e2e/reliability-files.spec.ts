import { ImagesViewPage } from './fixtures/app-views';
import { solidPng } from './fixtures/caption-images';
import { GIF_FRAMES, HUGE_SIDE, badFile, badFiles } from './fixtures/reliability-files';
import { captionFileInPage, pendingJobs, useTinyModel, workerInfo } from './fixtures/reliability';
import { expect, test } from './fixtures/test';

/** Longest side the worker decodes an image at (workers/runtime/prepare-frame.ts MAX_DECODE_SIDE). */
const MAX_DECODE_SIDE = 4096;

/** Bad and odd image files through the app's worker and the Images view, on the tiny bundle (WASM). */
test.describe('bad image files', () => {
  test.beforeEach(async ({ glance }) => {
    await useTinyModel(glance.page);
    const status = await glance.open('?backend=wasm');
    expect(status.state).toBe('ready');
  });

  test('the worker captions odd images and names what is wrong with bad ones', async ({ glance }) => {
    test.setTimeout(180_000);
    const { page } = glance;
    const caption = (name: string) => captionFileInPage(page, badFile(name));

    expect(await caption('empty.png')).toMatchObject({ ok: false, name: 'ImageDecodeError', message: /empty/ });
    expect(await caption('notes.png')).toMatchObject({
      ok: false,
      name: 'ImageDecodeError',
      message: /^not an image: its first bytes match no image format/,
    });
    expect(await caption('truncated.png')).toMatchObject({
      ok: false,
      name: 'ImageDecodeError',
      message: 'the PNG file (64 x 64) is truncated: it ends before its IEND chunk',
    });
    expect(await caption('truncated.jpg')).toMatchObject({
      ok: false,
      name: 'ImageDecodeError',
      message: 'the JPEG file (64 x 48) is truncated: it ends before its end-of-image marker',
    });
    expect(await caption('drawing.svg')).toMatchObject({
      ok: false,
      name: 'ImageDecodeError',
      message: /^SVG drawings are not supported/,
    });

    // 12,000 x 12,000 decodes at 4096 x 4096: the decoder was asked for the smaller size up front.
    expect(await caption('huge.png')).toMatchObject({
      ok: true,
      frame: { width: HUGE_SIDE, height: HUGE_SIDE, decodedWidth: MAX_DECODE_SIDE, decodedHeight: MAX_DECODE_SIDE },
    });
    expect(await caption('one-pixel.png')).toMatchObject({ ok: true, frame: { width: 1, height: 1 } });
    expect(await caption('panorama.png')).toMatchObject({
      ok: true,
      frame: { width: 20_000, height: 20, decodedWidth: MAX_DECODE_SIDE, decodedHeight: 4 },
    });
    expect(await caption('cmyk.jpg')).toMatchObject({ ok: true, frame: { width: 64, height: 48 } });
    expect(await caption('rotated.jpg'), 'EXIF orientation 6 turns 40 x 24 upright').toMatchObject({
      ok: true,
      frame: { width: 24, height: 40 },
    });

    // An animated GIF is captioned from its first frame: the same caption and heat map as a PNG of that frame,
    // and not those of a PNG of the second frame.
    const gif = await caption('animated.gif');
    const first = await captionFileInPage(page, {
      name: 'f1.png',
      type: 'image/png',
      bytes: solidPng(64, 48, [...GIF_FRAMES[0]]),
    });
    const second = await captionFileInPage(page, {
      name: 'f2.png',
      type: 'image/png',
      bytes: solidPng(64, 48, [...GIF_FRAMES[1]]),
    });
    expect(gif.ok && first.ok && second.ok).toBe(true);
    if (gif.ok && first.ok && second.ok) {
      expect(second.saliency, 'the two frames must caption differently for this check to mean anything').not.toEqual(
        first.saliency,
      );
      expect(gif.tokens).toEqual(first.tokens);
      expect(gif.saliency).toEqual(first.saliency);
    }

    // Nothing is left behind, and the model still captions.
    expect(await pendingJobs(page)).toEqual([]);
    expect((await workerInfo(page)).resources.liveTensors).toBe(0);
    expect(await caption('good.png')).toMatchObject({ ok: true });
  });

  test('a batch of every bad file in the Images view: each card ends captioned or with its problem', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const images = new ImagesViewPage(page);
    await page.evaluate(() => (location.hash = '#/images'));
    const files = badFiles();
    await images.drop(files);
    await expect(images.cards).toHaveCount(files.length);
    await expect(images.progress).toHaveAttribute('aria-valuenow', String(files.length), { timeout: 180_000 });

    const expected: Record<string, { status: 'done' | 'error'; text?: RegExp }> = {
      'empty.png': { status: 'error', text: /0 bytes/ },
      'notes.png': { status: 'error', text: /not a PNG, JPEG/ },
      'truncated.png': { status: 'error', text: /PNG file \(64 x 64\) is truncated/ },
      'truncated.jpg': { status: 'error', text: /JPEG file \(64 x 48\) is truncated/ },
      'huge.png': { status: 'done' },
      'good.png': { status: 'done' },
      'one-pixel.png': { status: 'done' },
      'panorama.png': { status: 'done' },
      'animated.gif': { status: 'done' },
      // Refused by its first bytes, before any decoding: SVG is not among the formats the view reads.
      'drawing.svg': { status: 'error', text: /not a PNG, JPEG, GIF, WebP, BMP or AVIF/ },
      'cmyk.jpg': { status: 'done' },
      'rotated.jpg': { status: 'done' },
    };
    expect(Object.keys(expected).sort()).toEqual(files.map((f) => f.name).sort());
    for (const [name, { status, text }] of Object.entries(expected)) {
      const card = images.card(name);
      await expect(card, name).toHaveAttribute('data-status', status);
      if (status === 'done') await expect(card.getByTestId('refined-caption'), name).not.toBeEmpty();
      if (text) await expect(card.getByTestId('card-error'), name).toContainText(text);
    }
    // The batch line says what happened, not just that it ended.
    const failed = Object.values(expected).filter((e) => e.status === 'error').length;
    await expect(page.getByTestId('batch-count')).toHaveText(
      `All ${files.length} done: ${files.length - failed} captioned, ${failed} failed`,
    );
    expect(await pendingJobs(page)).toEqual([]);
  });
});
