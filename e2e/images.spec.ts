import { ImagesViewPage, downloadText } from './fixtures/app-views';
import { captionFit, plainTestScenes, testSplitPng } from './fixtures/app-views-world';
import { worldReference } from './fixtures/caption-world';
import { expect, test } from './fixtures/test';

/** Three test-split scenes; the spec checks each card's caption against its own scene. */
const SCENES = plainTestScenes(3).map((i, n) => ({ name: `scene-${n}.png`, index: i, ...testSplitPng(i) }));
/** The model's detailed captions of the first 16 test scenes, written by PyTorch at export. */
const REFERENCE = worldReference().filter((r) => r.style === 'detailed');
const NOT_AN_IMAGE = {
  name: 'notes.png',
  type: 'image/png',
  bytes: new TextEncoder().encode('meeting notes, not a picture\n'),
};
const EMPTY = { name: 'empty.png', type: 'image/png', bytes: new Uint8Array() };

test.describe('Images view', () => {
  test('three dropped world images get captions of their scenes; a text file and an empty file get error cards', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const images = new ImagesViewPage(page);
    await images.open('?backend=wasm');
    await images.drop([
      ...SCENES.map((s) => ({ name: s.name, type: 'image/png', bytes: s.bytes })),
      NOT_AN_IMAGE,
      EMPTY,
    ]);
    await expect(images.cards).toHaveCount(5);

    // Refused up front, whatever the model is doing.
    await expect(images.card('notes.png')).toHaveAttribute('data-status', 'error');
    await expect(images.card('notes.png').getByTestId('card-error')).toContainText('not an image');
    await expect(images.card('empty.png').getByTestId('card-error')).toContainText('empty');

    for (const scene of SCENES) {
      const card = images.card(scene.name);
      await expect(card).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
      const refined = (await card.getByTestId('refined-caption').textContent()) ?? '';
      const coarse = (await card.getByTestId('coarse-caption').textContent()) ?? '';
      // Both captions are the model's own, word for word: the PyTorch reference of the same test scene (the
      // bundle's reference.json, an independent implementation). Whether the model is right about the scene is
      // measured over 1,000 scenes by `npm run eval` and over 32 in caption-world.spec.ts; one scene here is
      // where it is wrong (glance-world-v3's refinement breaks its correct coarse caption of test scene 4, moving
      // the second pink cross to the center and calling the green one gray), so the scene checks below ask
      // only that the card describes its own scene better than the others.
      const reference = REFERENCE.find((r) => r.image === `images/${String(scene.index).padStart(6, '0')}.png`);
      expect(reference, `${scene.name}: test scene ${scene.index} in reference.json`).toBeDefined();
      expect(coarse, `${scene.name}: first look`).toBe(reference!.coarse);
      expect(refined, `${scene.name}: second look`).toBe(reference!.refined);
      // And it is this card's scene it describes, not another's (no mix-up in the queue).
      const score = (objects: typeof scene.scene.objects) => {
        const fit = captionFit(refined, objects);
        return fit.placed - Math.abs(fit.countError);
      };
      for (const other of SCENES.filter((s) => s !== scene)) {
        expect(score(scene.scene.objects), `${scene.name} fits ${other.name} as well`).toBeGreaterThan(
          score(other.scene.objects),
        );
      }
      // The thumbnail's overlay drew region boxes, all on the picture.
      const drawn = JSON.parse((await card.getByTestId('card-overlay').getAttribute('data-drawn')) ?? '{}');
      expect(drawn.boxes.length, `${scene.name}: region boxes`).toBeGreaterThan(0);
      for (const box of drawn.boxes) {
        expect(box.x).toBeGreaterThanOrEqual(drawn.picture.x - 0.5);
        expect(box.y).toBeGreaterThanOrEqual(drawn.picture.y - 0.5);
        expect(box.x + box.w).toBeLessThanOrEqual(drawn.picture.x + drawn.picture.w + 0.5);
        expect(box.y + box.h).toBeLessThanOrEqual(drawn.picture.y + drawn.picture.h + 0.5);
      }
    }

    await expect(images.progress).toHaveAttribute('aria-valuenow', '5');
    await expect(images.progress).toHaveAttribute('aria-valuemax', '5');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download all as JSON' }).click(),
    ]);
    const exported = JSON.parse(await downloadText(download));
    expect(exported.images.map((i: { name: string; status: string }) => [i.name, i.status])).toEqual([
      ['scene-0.png', 'done'],
      ['scene-1.png', 'done'],
      ['scene-2.png', 'done'],
      ['notes.png', 'error'],
      ['empty.png', 'error'],
    ]);
  });

  test('refuses a non-image and an empty file at once, before any model work', async ({ page }) => {
    const images = new ImagesViewPage(page);
    await images.open();
    await images.drop([NOT_AN_IMAGE, EMPTY]);
    await expect(images.cards).toHaveCount(2);
    await expect(images.card('notes.png').getByTestId('card-error')).toContainText('not a PNG, JPEG');
    await expect(images.card('empty.png').getByTestId('card-error')).toContainText('0 bytes');
    await expect(images.progress).toHaveAttribute('aria-valuenow', '2');
  });

  test('cards and a running batch survive a visit to another place, where a paste adds nothing', async ({ page }) => {
    test.setTimeout(180_000);
    const images = new ImagesViewPage(page);
    await images.open('?backend=wasm');
    const [scene] = SCENES;
    await images.drop([{ name: scene.name, type: 'image/png', bytes: scene.bytes }, NOT_AN_IMAGE]);
    await expect(images.cards).toHaveCount(2);

    // Leave while the image is still waiting for (or in) its caption.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Embed' }).click();
    await expect(page.locator('main').getByRole('heading', { level: 2 })).toHaveText('Embed');
    await expect(page.getByTestId('images-place')).toBeHidden(); // kept, not shown under the Embed page
    await page.evaluate((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true }));
    }, Array.from(scene.bytes));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Images' }).click();
    await expect(images.cards).toHaveCount(2);
    await expect(images.card(scene.name)).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
    await expect(images.card('notes.png')).toHaveAttribute('data-status', 'error');
    expect((await images.card(scene.name).getByTestId('refined-caption').textContent())?.length).toBeGreaterThan(0);

    // Back on the page, a paste is taken again.
    await page.evaluate((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true }));
    }, Array.from(scene.bytes));
    await expect(images.cards).toHaveCount(3);
  });
});
