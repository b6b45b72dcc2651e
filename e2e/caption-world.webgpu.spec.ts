import { captionMisfit, testSplitPng } from './fixtures/app-views-world';
import { expectWorldParity, testIndexOf, worldReference } from './fixtures/caption-world';
import { expect, test } from './fixtures/test';

// 'chromium-webgpu': SwiftShader runs the model ~40x slower than WASM (two scenes took 5.7 min on a busy
// 2-core machine), so one scene in the detailed style: the longest decode, through the same graphs as the short
// style (a style token in the prompt), whose parity caption-world.spec.ts checks on WASM.
test.describe('the shipped world model in the app worker (WebGPU, software adapter)', () => {
  test('captions equal the PyTorch reference token for token and describe the scene', async ({ glance }) => {
    test.setTimeout(480_000);
    const status = await glance.open('?backend=webgpu');
    expect(status.state).toBe('ready');
    const info = await glance.info();
    expect(info.backend).toBe('webgpu');
    expect(info.bundle?.name).toBe('glance-world-v3');
    const reference = worldReference();
    const firstScene = reference[0].image;
    const items = reference.filter((r) => r.image === firstScene && r.style === 'detailed');
    expect(items).toHaveLength(1);
    const captions = await expectWorldParity(glance.page, 'webgpu', items);
    // And what WebGPU wrote is right about the true scene (the world's own objects, not the reference).
    const { scene } = testSplitPng(testIndexOf(firstScene));
    const detailed = captions[0];
    expect(detailed?.refined?.text).toBeTruthy();
    expect(captionMisfit(detailed!.refined!.text, scene.objects), detailed!.refined!.text).toBeNull();
  });
});
