import { LiveViewPage } from './fixtures/app-views';
import { useTinyModel, workerInfo } from './fixtures/reliability';
import { expect, test } from './fixtures/test';

/**
 * Losing the WebGPU device in the middle of a live session (Chromium's software adapter; the test hook calls
 * device.destroy() on ORT's device, as a driver reset would end it): the worker reports it, the bridge restarts
 * it, the model is reloaded and the live captions resume, all without a page reload.
 */
test('a lost WebGPU device: reported, the worker restarts on a fresh device, live captions resume', async ({
  page,
  browserErrors,
}) => {
  test.setTimeout(240_000);
  // The loss is reported as the worker's crash, on purpose; ORT may log the failed GPU work of the frame in flight.
  browserErrors.allow(/WebGPU device was lost/);
  await useTinyModel(page);
  const live = new LiveViewPage(page);
  await live.open('?backend=webgpu');
  expect((await workerInfo(page)).backend).toBe('webgpu');
  const before = await live.nextFinalCaption(0, 120_000);

  const outcome = await page.evaluate(async () => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
    const client = window.__glance!.client;
    const states: { state: string; message?: string; url?: string | null; at: number }[] = [];
    const settled = new Promise<void>((resolve) => {
      client.onStatus((s) => {
        states.push({
          state: s.state,
          message: 'error' in s ? s.error?.message : undefined,
          url: 'url' in s ? s.url : undefined,
          at: Math.round(performance.now()),
        });
        if (s.state === 'ready' || (s.state === 'error' && states.some((x) => x.state === 'restarting'))) resolve();
      });
    });
    const lost = await client.loseDeviceForTesting();
    await settled;
    return { lost, states };
  });
  expect(outcome.lost).toBe(true);
  const distinct = outcome.states.map((s) => s.state).filter((state, i, all) => state !== all[i - 1]);
  expect(distinct).toEqual(['crashed', 'restarting', 'ready']);
  expect(outcome.states[0].message).toMatch(/the WebGPU device was lost \(destroyed/);

  // A fresh worker, on a fresh device (the adapter is still there), with the same model; captions go on.
  const info = await workerInfo(page);
  expect(info.backend).toBe('webgpu');
  expect(info.bundle?.name).toBe('e2e-tiny-bundle');
  const after = await live.nextFinalCaption(before.frameId, 120_000);
  expect(after.frameId).toBeGreaterThan(before.frameId);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await expect(page.getByTestId('live-caption')).toHaveAttribute('data-state', 'final');
});
