import { expectTinyParity } from './fixtures/caption-parity';
import { expect, test } from './fixtures/test';

// The 'chromium-webgpu' project: Chromium's SwiftShader adapter. Correctness only, never speed.
test.describe('captioning in the app worker on WebGPU (software adapter)', () => {
  test('tiny bundle: captions equal the PyTorch reference token for token', async ({ glance }) => {
    test.setTimeout(300_000);
    const status = await glance.openWithFixture('?backend=webgpu');
    expect(status.state).toBe('ready');
    expect((await glance.info()).adapter?.isFallback).toBe(true);
    await expectTinyParity(glance.page, 'webgpu');
  });
});
