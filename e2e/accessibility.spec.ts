import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

/** Impacts that fail the audit; 'moderate' and 'minor' findings are printed, not failed. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);
/** The audit is of the UI, not the model: the scene-world bundle loads fastest on these two cores. */
const APP_QUERY = '?backend=wasm&model=world';
const WIDGET_MODEL = '/models/glance-world-v3/';

/** Runs axe-core (WCAG 2.x A and AA rules and best practices) over the page as it is now. */
async function audit(page: Page): Promise<{ failing: string[]; other: string[] }> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const describe = (v: (typeof violations)[number]) =>
    `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`;
  return {
    failing: violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? '')).map(describe),
    other: violations.filter((v) => !FAILING_IMPACTS.has(v.impact ?? '')).map(describe),
  };
}

function report(place: string, other: string[]): void {
  if (other.length > 0) console.log(`axe, ${place}, not failing:\n  ${other.join('\n  ')}`);
}

test.describe('accessibility (axe-core): no serious or critical violation', () => {
  // One page visits every place (a model load per place would cost a minute on two cores).
  test('every place of the app, with the model loaded', async ({ page, glance }) => {
    test.setTimeout(180_000);
    expect((await glance.open(APP_QUERY, '')).state).toBe('ready');
    for (const place of ['Live', 'Images', 'Video', 'Embed', 'Settings'] as const) {
      await test.step(place, async () => {
        await glance.navLink(place).click();
        await expect(page.getByRole('heading', { level: 2, name: place })).toBeVisible();
        if (place === 'Live' || place === 'Images' || place === 'Video') {
          // Images and Video stay mounted (hidden) once visited: the visible place's status.
          const status = page.getByTestId('model-status').filter({ visible: true });
          await expect(status).toHaveAttribute('data-state', 'ready');
        }
        const { failing, other } = await audit(page);
        report(place, other);
        expect.soft(failing, `axe on ${place}`).toEqual([]);
      });
    }
  });

  for (const mode of ['demo', 'image'] as const) {
    test(`the embed widget page (mode=${mode}), with the model loaded`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto(`/embed.html?mode=${mode}&backend=wasm&model=${encodeURIComponent(WIDGET_MODEL)}`);
      await expect(page.getByTestId('embed-status')).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
      if (mode === 'demo') await expect(page.getByTestId('embed-caption')).not.toBeEmpty({ timeout: 60_000 });
      const { failing, other } = await audit(page);
      report(`widget (${mode})`, other);
      expect(failing, `axe on the widget (${mode})`).toEqual([]);
    });
  }
});
