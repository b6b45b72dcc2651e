import { FIXTURE_ROOT } from '../scripts/hub-fixtures/design';
import { startHubServer } from '../scripts/hub-fixtures/hub-server';
import { COLOUR_CAPTION, HUB_FAMILIES, picturePng } from './fixtures/hub-families';
import { realPhoto } from './fixtures/real-world';
import { expect, test } from './fixtures/test';

/**
 * Florence-2 and SmolVLM fixtures (e2e/hub-families.spec.ts) on WebGPU: Chromium's software adapter, so
 * correctness only. The dtype follows the adapter: fp16 where it has shader-f16, else fp32. One page a family:
 * load with byte progress, the designed picture's two passes with streamed tokens, a caption cancelled during its
 * look, a real photo, then a reload with the hub gone.
 */
for (const family of HUB_FAMILIES) {
  test(`${family.name} on WebGPU: progress, both passes streamed, cancel, a photo, offline`, async ({
    page,
    glance,
  }) => {
    test.setTimeout(240_000);
    const hub = await startHubServer({ root: FIXTURE_ROOT });
    const url = `${hub.url}${family.repoId}/resolve/main/`;
    try {
      await glance.open('?backend=webgpu');
      const events = await glance.loadWithProgress(url);
      const downloads = events.filter((e) => e.phase === 'download');
      expect(downloads.length).toBeGreaterThan(0);
      expect(downloads.at(-1)!.loadedBytes).toBe(downloads.at(-1)!.totalBytes);
      expect(events.at(-1)!.phase).toBe('ready');

      const info = await glance.info();
      expect(info.backend).toBe('webgpu');
      const dtype = info.adapter?.hasShaderF16 ? 'fp16' : 'fp32';
      const suffix = dtype === 'fp16' ? '_fp16' : '';
      expect(info.bundle).toMatchObject({ name: family.repoId, modelType: family.modelType, dtype });
      expect(info.bundle!.parts).toEqual(family.q8Onnx.map((f) => f.replace('_quantized', suffix)).sort());
      await expect(glance.badge).toHaveText(`WebGPU · ${dtype}`);

      const photo = realPhoto('horses');
      const run = await page.evaluate(
        async ({ png, photoBytes, photoType }) => {
          const client = window.__glance!.client;
          const bitmap = () => createImageBitmap(new Blob([new Uint8Array(png)], { type: 'image/png' }));
          const pieces = { coarse: [] as string[], refined: [] as string[] };
          const both = await client.caption(
            await bitmap(),
            {},
            {
              onEvent: (e) => e.type === 'token' && pieces[e.pass].push(e.text),
            },
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
          const photo = await client.caption(new Blob([new Uint8Array(photoBytes)], { type: photoType }), {
            refine: false,
          });
          return {
            coarse: both.coarse.text,
            refined: both.refined?.text,
            backend: both.backend,
            coarsePieces: pieces.coarse,
            refinedPieces: pieces.refined,
            cancelled,
            photo: photo.coarse.text,
          };
        },
        { png: Array.from(picturePng(family.picture)), photoBytes: Array.from(photo.bytes), photoType: photo.type },
      );
      expect(run).toMatchObject({ coarse: family.coarse, refined: family.refined, backend: 'webgpu' });
      expect(run.coarsePieces.length).toBeGreaterThan(3);
      expect(run.coarsePieces.join('')).toBe(family.coarse);
      expect(run.refinedPieces.join('').trim()).toBe(family.refined.trim());
      expect(run.cancelled).toBe('AbortError');
      expect(run.photo).toMatch(COLOUR_CAPTION);
    } finally {
      await hub.close();
    }

    // The hub is gone: the model comes back from the cache on WebGPU and captions.
    const status = await glance.open(`?backend=webgpu&model=${encodeURIComponent(url)}`);
    expect(status.state).toBe('ready');
    expect((await glance.info()).bundle).toMatchObject({ name: family.repoId, captioner: true });
    const coarse = await page.evaluate(
      async (png) => {
        const bitmap = await createImageBitmap(new Blob([new Uint8Array(png)], { type: 'image/png' }));
        return (await window.__glance!.client.caption(bitmap, { refine: false })).coarse.text;
      },
      Array.from(picturePng(family.picture)),
    );
    expect(coarse).toBe(family.coarse);
  });
}
