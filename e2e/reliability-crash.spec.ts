import { ImagesViewPage, LiveViewPage } from './fixtures/app-views';
import { solidPng } from './fixtures/caption-images';
import { pendingJobs, useTinyModel, workerInfo } from './fixtures/reliability';
import { expect, test } from './fixtures/test';

/** The worker dying under the views (crashForTesting throws in the worker, as an uncaught bug would). */
test.describe('worker crash under the views', () => {
  test.beforeEach(async ({ page, browserErrors }) => {
    browserErrors.allow(/crashForTesting/);
    await useTinyModel(page);
  });

  test('Live: the frame in flight fails with a clear error, the worker restarts, captions resume', async ({ page }) => {
    test.setTimeout(180_000);
    const live = new LiveViewPage(page);
    await live.open('?backend=wasm');
    const before = await live.nextFinalCaption();
    expect(await page.evaluate(() => window.__glance!.client.loseDeviceForTesting()), 'no device on WASM').toBe(false);

    const { states, errorsShown, modelShown } = await page.evaluate(async () => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
      // The error may show only briefly (the next caption clears it): note every text it shows, and every state
      // the model status above the view shows.
      const errorsShown: string[] = [];
      const modelShown: string[] = [];
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="live-error"]')?.textContent;
        if (text && errorsShown.at(-1) !== text) errorsShown.push(text);
        const shown = document.querySelector('[data-testid="model-status"]')?.getAttribute('data-state');
        if (shown && modelShown.at(-1) !== shown) modelShown.push(shown);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      const client = window.__glance!.client;
      const seen: string[] = [];
      const ready = new Promise<void>((resolve) =>
        client.onStatus((s) => {
          seen.push(s.state);
          if (s.state === 'ready' || s.state === 'error') resolve();
        }),
      );
      await client.crashForTesting();
      await ready;
      return { states: seen, errorsShown, modelShown };
    });
    expect(states.filter((s, i) => s !== states[i - 1])).toEqual(['crashed', 'restarting', 'ready']);
    // The view says the captioner is restarting (React may render 'crashed' and 'restarting' as one update).
    expect(modelShown).toContain('restarting');
    await expect(live.modelStatus).toHaveAttribute('data-state', 'ready');
    // The live loop pulls one frame at a time, so a frame was in flight: its failure is shown, by name.
    expect(errorsShown).toEqual([expect.stringContaining('WorkerCrashedError: the captioner worker crashed')]);

    const after = await live.nextFinalCaption(before.frameId);
    expect(after.frameId).toBeGreaterThan(before.frameId);
    await expect(page.getByTestId('live-error')).toHaveCount(0);
    expect((await workerInfo(page)).bundle?.name).toBe('e2e-tiny-bundle');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // Paused, nothing is left in the new worker either.
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => pendingJobs(page)).toEqual([]);
  });

  test('Images: the image being captioned gets the crash as its error, the rest of the batch completes', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const images = new ImagesViewPage(page);
    await images.open('?backend=wasm');
    await page.evaluate(() => window.__glance!.runtimeSettled);
    const colours: [number, number, number][] = [
      [200, 40, 40],
      [40, 200, 40],
      [40, 40, 200],
      [200, 200, 40],
    ];
    const files = colours.map((rgb, i) => ({
      name: `photo-${i}.png`,
      type: 'image/png',
      bytes: solidPng(640, 480, rgb),
    }));
    // The first caption job crashes the worker while it runs (a crash sent from here would race a fast job).
    await page.evaluate(() => window.__glance!.client.crashOnNextCaptionForTesting());
    await images.drop(files);
    const first = images.card('photo-0.png');

    await expect(first).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
    await expect(first.getByTestId('card-error')).toContainText('WorkerCrashedError: the captioner worker crashed');
    for (const file of files.slice(1)) {
      await expect(images.card(file.name), file.name).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
    }
    await expect(images.progress).toHaveAttribute('aria-valuenow', String(files.length));
    expect(await pendingJobs(page)).toEqual([]);
  });
});
