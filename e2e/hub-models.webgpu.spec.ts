import { expectedCaption, FIXTURE_ROOT, REPO_ID } from '../scripts/hub-fixtures/design';
import { type HubServer, startHubServer } from '../scripts/hub-fixtures/hub-server';
import { expect, test } from './fixtures/test';

/**
 * The tiny hub fixture (docs/hub-models.md, e2e/hub-models.spec.ts) on WebGPU: Chromium's software adapter,
 * so correctness only. The dtype follows the adapter: fp16 where it has shader-f16, else fp32.
 */
let hub: HubServer;

test.beforeAll(async () => {
  hub = await startHubServer({ root: FIXTURE_ROOT });
});

test.afterAll(async () => {
  await hub?.close();
});

test('a hub model runs on WebGPU with the dtype its adapter allows, looks twice, and survives a lost device', async ({
  page,
  glance,
  browserErrors,
}) => {
  // The loss is reported as the worker's crash, on purpose; ORT may log the GPU work in flight.
  browserErrors.allow(/WebGPU device was lost/);
  test.setTimeout(180_000);
  const url = `${hub.url}${REPO_ID}/resolve/main/`;
  const status = await glance.open(`?backend=webgpu&model=${encodeURIComponent(url)}`);
  expect(status.state).toBe('ready');
  const info = await glance.info();
  expect(info.backend).toBe('webgpu');
  const dtype = info.adapter?.hasShaderF16 ? 'fp16' : 'fp32';
  expect(info.bundle).toMatchObject({ name: REPO_ID, dtype });
  const suffix = dtype === 'fp16' ? '_fp16' : '';
  expect(info.bundle!.parts).toEqual([`onnx/decoder_model_merged${suffix}.onnx`, `onnx/encoder_model${suffix}.onnx`]);
  await expect(glance.badge).toHaveText(`WebGPU · ${dtype}`);

  const result = await page.evaluate(async () => {
    // 640x480 red with a 200x200 blue square: the glance says red, the look at the square says blue.
    const canvas = new OffscreenCanvas(640, 480);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = 'rgb(200, 40, 30)';
    ctx.fillRect(0, 0, 640, 480);
    ctx.fillStyle = 'rgb(20, 40, 220)';
    ctx.fillRect(400, 60, 200, 200);
    const caption = await window.__glance!.client.caption(canvas.transferToImageBitmap());
    return { coarse: caption.coarse.text, refined: caption.refined?.text, backend: caption.backend };
  });
  expect(result).toEqual({
    coarse: expectedCaption('red'),
    refined: `${expectedCaption('red')} Closer: something blue.`,
    backend: 'webgpu',
  });

  // A lost device (the test hook destroys ORT's device, as a driver reset would): the worker restarts and the hub
  // model is loaded again, from transformers.js's cache, and captions.
  const outcome = await page.evaluate(async () => {
    const client = window.__glance!.client;
    const states: string[] = [];
    const settled = new Promise<void>((resolve) => {
      client.onStatus((s) => {
        states.push(s.state);
        if (s.state === 'ready' || (s.state === 'error' && states.includes('restarting'))) resolve();
      });
    });
    const lost = await client.loseDeviceForTesting();
    await settled;
    const canvas = new OffscreenCanvas(64, 64);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = 'rgb(30, 200, 40)';
    ctx.fillRect(0, 0, 64, 64);
    const caption = await client.caption(canvas.transferToImageBitmap(), { refine: false });
    return { lost, states: states.filter((state, i) => state !== states[i - 1]), coarse: caption.coarse.text };
  });
  expect(outcome).toEqual({ lost: true, states: ['crashed', 'restarting', 'ready'], coarse: expectedCaption('green') });
  expect((await glance.info()).bundle).toMatchObject({ name: REPO_ID, dtype });
});
