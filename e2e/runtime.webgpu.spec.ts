import { expectFixtureAnswers } from './fixtures/fixture-model';
import { expect, test } from './fixtures/test';

// Runs in the 'chromium-webgpu' project: --enable-unsafe-webgpu gives Chromium's SwiftShader adapter.
test.describe('worker runtime on WebGPU (software adapter)', () => {
  test('forced WebGPU runs the fixture model on the GPU path', async ({ glance }) => {
    test.setTimeout(240_000);
    const status = await glance.openWithFixture('?backend=webgpu');
    expect(status.state).toBe('ready');

    const info = await glance.info();
    expect(info.adapter?.isFallback).toBe(true);
    expect(info.requested).toBe('webgpu');
    expect(info.backend).toBe('webgpu');

    // The fixture's known answers check the runtime itself.
    // Outputs left on the device prove the WebGPU EP computed them; the numbers prove it computed them right.
    const locations = await expectFixtureAnswers(glance);
    expect(Object.values(locations)).toEqual(['gpu-buffer', 'gpu-buffer']);
    await expect(glance.badge).toHaveText('WebGPU');
  });

  test('auto prefers WASM over a software WebGPU adapter', async ({ glance }) => {
    await glance.openWithFixture();
    const info = await glance.info();
    expect(info.adapter?.isFallback).toBe(true);
    expect(info.backend).toBe('wasm');
    expect(info.reason).toMatch(/software fallback/);
  });
});
