import type { Locator, Page } from '@playwright/test';
import { LiveViewPage, downloadText } from './fixtures/app-views';
import { parseWebVtt, testSplitPng } from './fixtures/app-views-world';
import { expect, test } from './fixtures/test';

/**
 * Presses Tab from the top of the page until every control in `controls` has had the focus (or `maxTabs` is
 * reached) and returns the names of those never reached. Each reached control must show a visible focus outline.
 */
async function tabThrough(page: Page, controls: Record<string, Locator>, maxTabs = 60): Promise<string[]> {
  for (const [name, locator] of Object.entries(controls)) {
    await locator.evaluate((el, id) => el.setAttribute('data-kb-id', id), name);
  }
  await page.locator('body').focus();
  const reached = new Set<string>();
  for (let i = 0; i < maxTabs && reached.size < Object.keys(controls).length; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? { id: el.dataset.kbId ?? null, outline: getComputedStyle(el).outlineStyle } : null;
    });
    if (focused?.id) {
      expect(focused.outline, `visible focus on ${focused.id}`).not.toBe('none');
      reached.add(focused.id);
    }
  }
  return Object.keys(controls).filter((name) => !reached.has(name));
}

test.describe('keyboard only', () => {
  test('Live: every control is reachable with Tab and operable with the keyboard; settings persist', async ({
    page,
  }) => {
    await page.goto('/#/live');
    const controls = {
      source: page.getByRole('radio', { name: /Demo camera/ }),
      stop: page.getByRole('button', { name: 'Stop source' }),
      pause: page.getByRole('button', { name: 'Pause' }),
      refine: page.getByRole('checkbox', { name: 'Refine (second look)' }),
      style: page.getByRole('combobox', { name: 'Style' }),
      heatmap: page.getByRole('checkbox', { name: 'Heat map' }),
      boxes: page.getByRole('checkbox', { name: 'Region boxes' }),
      speak: page.getByRole('checkbox', { name: /Speak captions/ }),
    };
    expect(await tabThrough(page, controls)).toEqual([]);

    await controls.pause.focus();
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Resume' })).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'false');

    await controls.refine.focus();
    await page.keyboard.press('Space');
    await expect(controls.refine).not.toBeChecked();
    await controls.style.focus();
    await page.keyboard.press('ArrowDown');
    await expect(controls.style).toHaveValue('short');

    // Arrow keys move within the source radio group; the webcam's Start button appears.
    await controls.source.focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'Webcam' })).toBeChecked();
    await expect(page.getByRole('button', { name: 'Start webcam' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'Refine (second look)' })).not.toBeChecked();
    await expect(page.getByRole('combobox', { name: 'Style' })).toHaveValue('short');
    await expect(page.getByRole('radio', { name: 'Webcam' })).toBeChecked();
  });

  test('Images: the drop zone is a button that opens the file picker', async ({ page }) => {
    await page.goto('/#/images');
    const dropZone = page.getByRole('button', { name: /Choose images, or drop them here/ });
    expect(await tabThrough(page, { dropZone })).toEqual([]);
    await dropZone.focus();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles([
      { name: 'scene.png', mimeType: 'image/png', buffer: Buffer.from(testSplitPng(0).bytes) },
      { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image') },
    ]);
    await expect(page.getByTestId('image-card')).toHaveCount(2);
  });

  test('Live with the model: the aria-live region announces final captions; export works from the keyboard', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const live = new LiveViewPage(page);
    await live.open('?backend=wasm');
    const first = await live.nextFinalCaption(0, 90_000);
    await expect(live.announcer).toHaveAttribute('aria-live', 'polite');
    await expect.poll(() => live.announcer.textContent(), { timeout: 30_000 }).toBeTruthy();
    const announced = (await live.announcer.textContent()) ?? '';
    // Announced texts are final captions (never a token stream): the log lists each one.
    await expect(live.log).toContainText(announced);
    expect(first.text.length).toBeGreaterThan(0);

    const exportVtt = page.getByRole('button', { name: 'Export WebVTT' });
    expect(await tabThrough(page, { exportVtt }, 80)).toEqual([]);
    await exportVtt.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(parseWebVtt(await downloadText(download)).length).toBeGreaterThan(0);
  });
});
