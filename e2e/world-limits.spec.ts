import { ImagesViewPage } from './fixtures/app-views';
import { captionMisfit, plainTestScenes, testSplitPng } from './fixtures/app-views-world';
import { realPhoto } from './fixtures/real-world';
import { expect, test } from './fixtures/test';

/**
 * Issue 14 item 8: the scene-world model given a real photo says it only knows the scene world and offers the
 * real-world model (src/core/world-limits.ts), while a world scene still gets its caption. The default profile
 * remembers the world model (playwright.config.ts).
 */
const SCENE = { name: 'scene.png', type: 'image/png', ...testSplitPng(plainTestScenes(1)[0]) };
const PHOTO = realPhoto('horses');

test.describe('The world model knows its limits', () => {
  test('a real photo gets the sentence and the switch, a world scene its caption; the switch loads the real-world model', async ({
    page,
    glance,
  }) => {
    test.setTimeout(240_000);
    const images = new ImagesViewPage(page);
    await images.open('?backend=wasm');
    await page.evaluate(() => window.__glance!.runtimeSettled);
    expect((await glance.info()).bundle).toMatchObject({ name: 'glance-world-v3', modelType: 'glance-mmser' });
    const status = page.getByTestId('model-status');
    await expect(status).toContainText('Glance world v3');

    await images.drop([SCENE, PHOTO]);
    await expect(images.cards).toHaveCount(2);

    const photo = images.card(PHOTO.name);
    await expect(photo).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
    await expect(photo.getByTestId('card-out-of-domain-text')).toHaveText(
      'This model only knows the Glance scene world (coloured shapes); switch to the real-world model to describe photos.',
    );
    // No made-up objects anywhere on the card.
    await expect(photo.getByTestId('coarse-caption')).toHaveCount(0);
    await expect(photo.getByTestId('refined-caption')).toHaveCount(0);
    await expect(photo.getByRole('img')).toHaveAttribute('alt', /only knows the Glance scene world/);

    const scene = images.card(SCENE.name);
    await expect(scene).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
    await expect(scene.getByTestId('card-out-of-domain')).toHaveCount(0);
    const refined = (await scene.getByTestId('refined-caption').textContent()) ?? '';
    expect(captionMisfit(refined, SCENE.scene.objects), `"${refined}"`).toBeNull();

    await photo.getByRole('button', { name: 'Use the real-world model' }).click();
    await expect(status).toContainText('Glance real-world v1', { timeout: 120_000 });
    await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    expect((await glance.info()).bundle).toMatchObject({ name: 'glance-real-v1', modelType: 'glance-detect' });
  });
});
