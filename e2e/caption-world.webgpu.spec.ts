import { expectWorldParity, worldReference } from './fixtures/caption-world';
import { expect, test } from './fixtures/test';

// 'chromium-webgpu': SwiftShader runs the model ~40x slower than WASM (two scenes took 5.7 min on a busy
// 2-core machine), so one scene, both styles.
test.describe('the shipped world model in the app worker (WebGPU, software adapter)', () => {
  test('captions equal the PyTorch reference token for token', async ({ glance }) => {
    test.setTimeout(480_000);
    const status = await glance.open('?backend=webgpu');
    expect(status.state).toBe('ready');
    const info = await glance.info();
    expect(info.backend).toBe('webgpu');
    expect(info.bundle?.name).toBe('glance-world-v1');
    const reference = worldReference();
    const firstScene = reference[0].image;
    await expectWorldParity(
      glance.page,
      'webgpu',
      reference.filter((r) => r.image === firstScene),
    );
  });
});
