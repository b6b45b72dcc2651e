import { FIXTURE_ROOT } from '../scripts/hub-fixtures/design';
import { type HubServer, startHubServer } from '../scripts/hub-fixtures/hub-server';
import { HUB_FAMILIES } from './fixtures/hub-families';
import { expect, test } from './fixtures/test';

/**
 * Florence-2 and SmolVLM fixtures (e2e/hub-families.spec.ts) on WebGPU: Chromium's software adapter, so
 * correctness only. The dtype follows the adapter: fp16 where it has shader-f16, else fp32.
 */
let hub: HubServer;

test.beforeAll(async () => {
  hub = await startHubServer({ root: FIXTURE_ROOT });
});

test.afterAll(async () => {
  await hub?.close();
});

for (const family of HUB_FAMILIES) {
  test(`${family.name} runs on WebGPU with the dtype its adapter allows and looks twice`, async ({ page, glance }) => {
    test.setTimeout(180_000);
    const url = `${hub.url}${family.repoId}/resolve/main/`;
    const status = await glance.open(`?backend=webgpu&model=${encodeURIComponent(url)}`);
    expect(status.state).toBe('ready');
    const info = await glance.info();
    expect(info.backend).toBe('webgpu');
    const dtype = info.adapter?.hasShaderF16 ? 'fp16' : 'fp32';
    const suffix = dtype === 'fp16' ? '_fp16' : '';
    expect(info.bundle).toMatchObject({ name: family.repoId, modelType: family.modelType, dtype });
    expect(info.bundle!.parts).toEqual(family.q8Onnx.map((f) => f.replace('_quantized', suffix)).sort());
    await expect(glance.badge).toHaveText(`WebGPU · ${dtype}`);

    const result = await page.evaluate(async (picture) => {
      const canvas = new OffscreenCanvas(picture.width, picture.height);
      const ctx = canvas.getContext('2d')!;
      for (const r of picture.rects) {
        ctx.fillStyle = `rgb(${r.rgb.join(',')})`;
        ctx.fillRect(r.x, r.y, r.w, r.h);
      }
      const caption = await window.__glance!.client.caption(canvas.transferToImageBitmap());
      return { coarse: caption.coarse.text, refined: caption.refined?.text, backend: caption.backend };
    }, family.picture);
    expect(result).toEqual({ coarse: family.coarse, refined: family.refined, backend: 'webgpu' });
  });
}
