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

test('a hub model runs on WebGPU with the dtype its adapter allows, second look included', async ({ page, glance }) => {
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
});
