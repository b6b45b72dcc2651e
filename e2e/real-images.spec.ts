import { ImagesViewPage } from './fixtures/app-views';
import { noun } from '../src/core/real/nouns';
import { parseCaption } from '../src/core/real/parse-caption';
import { NO_REMEMBERED_MODEL, namedClasses, realPhoto } from './fixtures/real-world';
import { expect, test } from './fixtures/test';

test.use({ storageState: NO_REMEMBERED_MODEL });

/** Three Debian photos, hand-labelled: horses, a car, and a baboon (none of the 80 classes). */
const PHOTOS = ['horses', 'licenseplate_motion', 'baboon'].map(realPhoto);

test.describe('Images view with the default real-world model', () => {
  test('real photos get captions that name what their hand labels hold, and "nothing" for a baboon', async ({
    page,
    glance,
  }) => {
    test.setTimeout(180_000);
    const images = new ImagesViewPage(page);
    await images.open('?backend=wasm');
    await page.evaluate(() => window.__glance!.runtimeSettled);
    const info = await glance.info();
    expect(info.bundle).toMatchObject({ name: 'glance-real-v1', modelType: 'glance-detect', captioner: true });

    await images.drop(PHOTOS);
    await expect(images.cards).toHaveCount(PHOTOS.length);
    for (const photo of PHOTOS) {
      const card = images.card(photo.name);
      await expect(card).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
      const coarse = (await card.getByTestId('coarse-caption').textContent()) ?? '';
      const refined = (await card.getByTestId('refined-caption').textContent()) ?? '';
      if (photo.classes.size === 0) {
        expect(coarse, photo.name).toBe('Nothing I can recognise.');
        expect(refined, photo.name).toBe('Nothing I can recognise.');
        continue;
      }
      const named = namedClasses(refined);
      // The photo's labelled classes are named, and nothing the labels do not hold.
      for (const label of photo.classes) expect(named, `${photo.name}: "${refined}"`).toContain(label);
      for (const label of named) {
        expect(photo.classes.has(label) || photo.ignorable.has(label), `${photo.name} names a ${label}`).toBe(true);
      }
      // Never a statement about age, gender or ethnicity.
      expect(`${coarse} ${refined}`).not.toMatch(/\b(man|woman|men|women|boy|girl|male|female|old|young)\b/i);
      // Where the model looked again is drawn on the picture, and so is each object the caption names.
      const drawn = JSON.parse((await card.getByTestId('card-overlay').getAttribute('data-drawn')) ?? '{}');
      for (const box of [...drawn.boxes, ...drawn.objects]) {
        expect(box.x).toBeGreaterThanOrEqual(drawn.picture.x - 0.5);
        expect(box.y).toBeGreaterThanOrEqual(drawn.picture.y - 0.5);
        expect(box.x + box.w).toBeLessThanOrEqual(drawn.picture.x + drawn.picture.w + 0.5);
        expect(box.y + box.h).toBeLessThanOrEqual(drawn.picture.y + drawn.picture.h + 0.5);
      }
      // As many object boxes as the caption names objects, and for each class it names a box of that name lies
      // over one of the photo's own labelled objects of the class (placed as the picture is shown).
      const items = parseCaption(refined).items;
      expect(drawn.objects).toHaveLength(items.reduce((n, i) => n + i.count, 0));
      const scale = drawn.picture.w / photo.width;
      const boxOver = (o: { x: number; y: number; w: number; h: number }, [x, y, w, h]: number[]) => {
        const centre = { x: drawn.picture.x + (x + w / 2) * scale, y: drawn.picture.y + (y + h / 2) * scale };
        return centre.x >= o.x && centre.x <= o.x + o.w && centre.y >= o.y && centre.y <= o.y + o.h;
      };
      for (const label of new Set(items.map((i) => i.label))) {
        const boxes = drawn.objects.filter((o: { name: string }) => o.name === noun(label, 1));
        const labelled = photo.objects.filter((o) => o.label === label);
        expect(
          labelled.some((l) => boxes.some((b: { x: number; y: number; w: number; h: number }) => boxOver(b, l.box))),
          `${photo.name}: a "${noun(label, 1)}" box over a labelled ${label}`,
        ).toBe(true);
      }
    }

    // "View larger": the same picture and layers in a dialog, as large as the window allows; Escape closes it and
    // the keyboard is back where it was.
    const photo = PHOTOS[0];
    const card = images.card(photo.name);
    const open = card.getByRole('button', { name: `View larger: ${photo.name}` });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: photo.name });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('picture-dialog-caption')).toHaveText(
      (await card.getByTestId('refined-caption').textContent()) ?? '',
    );
    const drawnOf = async (overlay: ReturnType<typeof page.getByTestId>) =>
      JSON.parse((await overlay.getAttribute('data-drawn')) ?? '{"objects":[],"picture":{"w":0}}');
    const inCard = await drawnOf(card.getByTestId('card-overlay'));
    await expect
      .poll(async () => (await drawnOf(dialog.getByTestId('picture-dialog-overlay'))).picture.w)
      .toBeGreaterThan(inCard.picture.w * 1.5);
    const large = await drawnOf(dialog.getByTestId('picture-dialog-overlay'));
    expect(large.objects.map((o: { name: string }) => o.name)).toEqual(
      inCard.objects.map((o: { name: string }) => o.name),
    );
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(open).toBeFocused();
  });
});
