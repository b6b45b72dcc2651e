import {
  TINY_BUNDLE,
  captionBytesInPage,
  captionInPage,
  loadInPage,
  readReference,
  serveFolder,
} from './fixtures/caption-bundle';
import { solidPng, twoToneJpeg, withExifOrientation } from './fixtures/caption-images';
import { serveTinyBundle } from './fixtures/caption-parity';
import { expect, test } from './fixtures/test';

/** The worker's frame decoding, cancellation, caching and crash recovery, on the tiny bundle (WASM). */
test.describe('caption worker behaviour', () => {
  test.beforeEach(async ({ glance }) => {
    await glance.openWithFixture('?backend=wasm');
  });

  test('image files: EXIF orientation applied, huge images downscaled while decoding, bad files named', async ({
    glance,
  }) => {
    test.setTimeout(120_000);
    const { page } = glance;
    await loadInPage(page, (await serveTinyBundle(page)).bundle);

    const upright = await captionBytesInPage(page, twoToneJpeg(40, 24), 'image/jpeg');
    expect(upright).toMatchObject({ ok: true, frame: { width: 40, height: 24 } });
    const rotated = await captionBytesInPage(page, withExifOrientation(twoToneJpeg(40, 24), 6), 'image/jpeg');
    expect(rotated, 'orientation 6 turns 40 x 24 into 24 x 40').toMatchObject({
      ok: true,
      frame: { width: 24, height: 40 },
    });

    // 6000 x 1000 decodes at 4096 x 683 (MAX_DECODE_SIDE); boxes still come back in the file's pixels.
    const wide = await captionBytesInPage(page, solidPng(6000, 1000), 'image/png');
    expect(wide).toMatchObject({
      ok: true,
      frame: { width: 6000, height: 1000, decodedWidth: 4096, decodedHeight: 683 },
    });
    if (wide.ok) {
      for (const box of wide.regions) {
        // centre-crop of 6000 x 1000: the square covers x 2500..3500 of the file
        expect(box.x).toBeGreaterThanOrEqual(2500);
        expect(box.x + box.w).toBeLessThanOrEqual(3500 + 1e-6);
        expect(box.w).toBeCloseTo(500, 6); // window 16 of a 32 px square = half of 1000 px
      }
    }
    // The same downscale must respect orientation: 6000 x 1000 stored, turned upright is 1000 x 6000.
    const tall = await captionBytesInPage(page, withExifOrientation(twoToneJpeg(3000, 500), 8), 'image/jpeg');
    expect(tall).toMatchObject({ ok: true, frame: { width: 500, height: 3000 } });
    const tallHuge = await captionBytesInPage(page, withExifOrientation(twoToneJpeg(6000, 1000), 6), 'image/jpeg');
    expect(tallHuge).toMatchObject({
      ok: true,
      frame: { width: 1000, height: 6000, decodedWidth: 683, decodedHeight: 4096 },
    });

    const text = new TextEncoder().encode('meeting notes, not a picture');
    expect(await captionBytesInPage(page, text, 'image/png')).toMatchObject({ ok: false, name: 'ImageDecodeError' });
    expect(await captionBytesInPage(page, new Uint8Array(), 'image/png')).toMatchObject({
      ok: false,
      name: 'ImageDecodeError',
      message: /empty/,
    });
    const truncated = solidPng(64, 64).subarray(0, 40);
    expect(await captionBytesInPage(page, truncated, 'image/png')).toMatchObject({
      ok: false,
      name: 'ImageDecodeError',
    });
  });

  test('an aborted job rejects at once with AbortError; queued neighbours finish; no job is left behind', async ({
    glance,
  }) => {
    const { page } = glance;
    const urls = await serveTinyBundle(page);
    await loadInPage(page, urls.bundle);
    const outcome = await page.evaluate(async (image) => {
      const client = window.__glance!.client;
      const blob = await (await fetch(image)).blob();
      const controller = new AbortController();
      const jobs = [
        client.caption(blob, { style: 'detailed' }),
        client.caption(blob, { style: 'detailed' }, { signal: controller.signal }),
        client.caption(blob, { style: 'detailed' }),
      ];
      const abortedAt = performance.now();
      controller.abort();
      const settled = await Promise.allSettled(jobs);
      const rejectedAfterMs = performance.now() - abortedAt;
      // Give the worker a moment to drop the cancelled job, then count what it still holds.
      await new Promise((resolve) => setTimeout(resolve, 100));
      return {
        results: settled.map((s) => (s.status === 'fulfilled' ? s.value.coarse.tokens : (s.reason as Error).name)),
        rejectedAfterMs,
        pending: await client.pendingJobs(),
      };
    }, `${urls.images}images/scene-2.png`);
    const reference = readReference(TINY_BUNDLE).find(
      (r) => r.image === 'images/scene-2.png' && r.style === 'detailed',
    )!;
    expect(outcome.results).toEqual([reference.coarse_ids, 'AbortError', reference.coarse_ids]);
    expect(outcome.pending).toEqual([]);
  });

  test('a running job stops at the next step when aborted (it streams no more tokens)', async ({ glance }) => {
    const { page } = glance;
    const urls = await serveTinyBundle(page);
    await loadInPage(page, urls.bundle);
    const result = await page.evaluate(async (image) => {
      const client = window.__glance!.client;
      const blob = await (await fetch(image)).blob();
      const controller = new AbortController();
      let tokensBeforeAbort = 0;
      const name = await client
        .caption(
          blob,
          { style: 'detailed' },
          {
            signal: controller.signal,
            onEvent: (e) => {
              if (e.type !== 'token') return;
              tokensBeforeAbort++;
              if (tokensBeforeAbort === 2) controller.abort();
            },
          },
        )
        .then(
          () => 'resolved',
          (e: Error) => e.name,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { name, tokensBeforeAbort, pending: await client.pendingJobs() };
    }, `${urls.images}images/scene-0.png`);
    expect(result).toEqual({ name: 'AbortError', tokensBeforeAbort: 2, pending: [] });
  });

  test('a second load comes from the Cache API, a changed file is fetched again, and the network may go', async ({
    glance,
  }) => {
    const { page } = glance;
    let version = 1;
    const bundle = await serveFolder(page.context(), 'e2e-tiny-bundle', TINY_BUNDLE, { etag: () => `W/"v${version}"` });
    const first = await loadInPage(page, bundle);
    expect(first.bundle?.cachedFiles).toEqual([]);
    const second = await loadInPage(page, bundle);
    expect([...(second.bundle?.cachedFiles ?? [])].sort()).toEqual(
      [
        'config.json',
        'tokenizer.json',
        'onnx/vision_encoder.onnx',
        'onnx/embed_tokens.onnx',
        'onnx/connector.onnx',
        'onnx/decoder_model_merged.onnx',
      ].sort(),
    );
    // A new export on the server (new ETags, same config.json) must not be served stale from the cache.
    version = 2;
    const third = await loadInPage(page, bundle);
    expect(third.bundle?.cachedFiles).toEqual([]);

    await page.context().unrouteAll();
    await page.context().route('**/e2e-tiny-bundle/**', (route) => route.abort('internetdisconnected'));
    const offline = await loadInPage(page, bundle);
    expect(offline.bundle?.captioner).toBe(true);
    expect(offline.bundle?.cachedFiles).toHaveLength(6);
  });

  test('a worker crash rejects the job in flight, restarts the worker and reloads the model', async ({
    glance,
    browserErrors,
  }) => {
    browserErrors.allow(/crashForTesting/);
    const { page } = glance;
    const urls = await serveTinyBundle(page);
    await loadInPage(page, urls.bundle);
    const image = `${urls.images}images/scene-3.png`;
    const outcome = await page.evaluate(async (image) => {
      const client = window.__glance!.client;
      const states: string[] = [];
      client.onStatus((s) => states.push(s.state));
      const blob = await (await fetch(image)).blob();
      const inFlight = client.caption(blob, { style: 'detailed' }).then(
        () => 'resolved',
        (e: Error) => e.name,
      );
      await client.crashForTesting();
      const name = await inFlight;
      await new Promise<void>((resolve) => {
        const stop = client.onStatus((s) => {
          if (s.state === 'ready' || s.state === 'error') {
            stop();
            resolve();
          }
        });
      });
      return { name, states, info: await client.info() };
    }, image);
    expect(outcome.name).toBe('WorkerCrashedError');
    // Progress repeats a state; the sequence of distinct states is what the UI walks through.
    const distinct = outcome.states.filter((state, i) => state !== outcome.states[i - 1]);
    expect(distinct).toEqual(['crashed', 'restarting', 'ready']);
    expect(outcome.info.bundle?.name).toBe('e2e-tiny-bundle');
    const reference = readReference(TINY_BUNDLE).find((r) => r.image === 'images/scene-3.png' && r.style === 'short')!;
    const after = await captionInPage(page, image, { style: 'short' });
    expect(after.refined?.tokens).toEqual(reference.refined_ids);
  });
});
