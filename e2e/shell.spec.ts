import { expect, test } from './fixtures/test';

test.describe('app shell', () => {
  test('is served cross-origin isolated, from its own origin only', async ({ glance, page, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const foreign: string[] = [];
    page.context().on('request', (request) => {
      const url = new URL(request.url());
      if (!['http:', 'https:'].includes(url.protocol)) return;
      if (url.origin !== origin) foreign.push(request.url());
    });
    const response = await page.goto('/');
    expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
    expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
    await page.evaluate(() => window.__glance!.runtimeSettled);
    await expect(glance.badge).toHaveText(/^WASM x\d/);
    expect(foreign).toEqual([]);
  });

  test('navigation is reachable and usable with the keyboard', async ({ glance, page }) => {
    await glance.open('', '');
    await expect(glance.main.getByRole('heading', { level: 2 })).toHaveText('Live');

    // Tab order: skip link, then the places up to Embed.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    for (const name of ['Live', 'Images', 'Video', 'Embed']) {
      await page.keyboard.press('Tab');
      await expect(glance.navLink(name)).toBeFocused();
      const outline = await glance.navLink(name).evaluate((el) => getComputedStyle(el).outlineStyle);
      expect(outline, `visible focus on ${name}`).not.toBe('none');
    }

    await page.keyboard.press('Enter');
    await expect(glance.main.getByRole('heading', { level: 2 })).toHaveText('Embed');
    await expect(glance.navLink('Embed')).toHaveAttribute('aria-current', 'page');
    await expect(glance.navLink('Live')).not.toHaveAttribute('aria-current', 'page');

    await page.goBack();
    await expect(glance.main.getByRole('heading', { level: 2 })).toHaveText('Live');
  });
});
