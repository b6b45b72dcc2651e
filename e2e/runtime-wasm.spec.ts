import { expectFixtureAnswers } from './fixtures/fixture-model';
import { expect, test } from './fixtures/test';

test.describe('worker runtime on WASM (browser without WebGPU)', () => {
  test('forced WASM runs the fixture model with threads in the built app', async ({ glance, page }) => {
    const status = await glance.openWithFixture('?backend=wasm');
    expect(status.state).toBe('ready');

    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const expectedThreads = Math.min(4, cores);
    expect(expectedThreads, 'these machines have 2 cores').toBeGreaterThanOrEqual(2);

    const info = await glance.info();
    expect(info.requested).toBe('wasm');
    expect(info.backend).toBe('wasm');
    expect(info.crossOriginIsolated).toBe(true);
    expect(info.wasmThreads).toBe(expectedThreads);
    // ORT starts numThreads - 1 pthread workers: the pool really exists, it is not just a setting.
    expect(info.pthreadWorkers).toBe(expectedThreads - 1);
    // The fixture's known answers check the runtime itself.
    expect(info.bundle?.parts).toEqual(['embed_tokens', 'linear']);

    const locations = await expectFixtureAnswers(glance);
    expect(Object.values(locations)).toEqual(['cpu', 'cpu']);
    await expect(glance.badge).toHaveText(`WASM x${expectedThreads} threads`);
  });

  test('auto picks WASM when there is no WebGPU adapter', async ({ glance }) => {
    await glance.openWithFixture();
    const info = await glance.info();
    expect(info.adapter).toBeNull();
    expect(info.requested).toBe('auto');
    expect(info.backend).toBe('wasm');
    await expect(glance.badge).toHaveText(/^WASM x\d/);
  });

  test('forcing WebGPU without an adapter fails with a BackendError, not a silent fallback', async ({ glance }) => {
    const status = await glance.open('?backend=webgpu');
    expect(status.state).toBe('error');
    expect(status.state === 'error' && status.error.name).toBe('BackendError');
    await expect(glance.badge).toHaveText('No backend');
    expect((await glance.info()).backend).toBeNull();
  });
});
