import { ImagesViewPage } from './fixtures/app-views';
import { NO_REMEMBERED_MODEL, namedClasses, realPhoto } from './fixtures/real-world';
import { expect, test } from './fixtures/test';

test.use({ storageState: NO_REMEMBERED_MODEL });

// 'chromium-webgpu': Chromium's software adapter (SwiftShader) is ~40x slower than WASM, so one photo. The load's
// warm-up already ran every part (detector at both sizes, pose, face, expression, hand) on WebGPU.
test.describe('the real-world model on WebGPU (software adapter)', () => {
  test('loads on WebGPU and describes a real photo as its labels say', async ({ page, glance }) => {
    test.setTimeout(480_000);
    const images = new ImagesViewPage(page);
    await images.open('?backend=webgpu');
    const status = await page.evaluate(() => window.__glance!.runtimeSettled);
    expect(status.state).toBe('ready');
    const info = await glance.info();
    expect(info.backend).toBe('webgpu');
    expect(info.bundle).toMatchObject({ name: 'glance-real-v1', modelType: 'glance-detect' });

    const photo = realPhoto('horses');
    await images.drop([photo]);
    const card = images.card(photo.name);
    await expect(card).toHaveAttribute('data-status', 'done', { timeout: 400_000 });
    const refined = (await card.getByTestId('refined-caption').textContent()) ?? '';
    expect(namedClasses(refined), refined).toEqual(photo.classes);
  });
});
