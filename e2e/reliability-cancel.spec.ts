import type { Page } from '@playwright/test';
import { LiveViewPage } from './fixtures/app-views';
import { serveFolder, TINY_BUNDLE } from './fixtures/caption-bundle';
import { pendingJobs, TINY_URL, useTinyModel, workerInfo } from './fixtures/reliability';
import { expect, test } from './fixtures/test';

/** How long to toggle, seconds (RELIABILITY_TOGGLE_SECONDS; the issue asks for 30). */
const TOGGLE_SECONDS = Number(process.env.RELIABILITY_TOGGLE_SECONDS ?? 30);
/** A second URL of the same tiny bundle, so a model switch really loads another bundle. */
const OTHER_URL = '/e2e-tiny-bundle-b/';

/** Small deterministic PRNG (a failing sequence can be replayed). */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

/** The toggles: each changes what the Live view captions, or with what, while a caption is likely in flight. */
function actions(page: Page) {
  let model = TINY_URL;
  return {
    style: async () => {
      const select = page.getByLabel('Style');
      await select.selectOption((await select.inputValue()) === 'short' ? 'detailed' : 'short');
    },
    refine: () => page.getByLabel('Refine (second look)').click(),
    pause: () => page.getByRole('button', { name: /^(Pause|Resume)$/ }).click(),
    // Away from the demo camera (the webcam waits for Start, so the source stops) and back to it.
    source: async () => {
      await page.getByRole('radio', { name: 'Webcam' }).check();
      await page.getByRole('radio', { name: 'Demo camera (scene world)' }).check();
    },
    // Another model through Settings, back to Live without waiting for it to load.
    model: async () => {
      model = model === TINY_URL ? OTHER_URL : TINY_URL;
      await nav(page, 'Settings').click();
      await page.getByLabel('Model URL').fill(model);
      await page.getByRole('button', { name: 'Load model' }).click();
      await nav(page, 'Live').click();
    },
  };
}

test('rapid toggling of source, model and settings mid-caption: no error, no leaked job, captions go on', async ({
  page,
}) => {
  test.setTimeout(TOGGLE_SECONDS * 1000 + 180_000);
  await useTinyModel(page);
  await serveFolder(page.context(), OTHER_URL.slice(1, -1), TINY_BUNDLE);
  const live = new LiveViewPage(page);
  await live.open('?backend=wasm');
  const before = await live.nextFinalCaption();
  await page.evaluate(() => {
    // Cancelled captions are not failures: any error shown in the Live view or the model picker is one.
    const w = window as unknown as { shownErrors: string[] };
    w.shownErrors = [];
    new MutationObserver(() => {
      for (const el of document.querySelectorAll(
        '[data-testid="live-error"], [data-testid="model-change"][data-state="failed"]',
      )) {
        if (!w.shownErrors.includes(el.textContent ?? '')) w.shownErrors.push(el.textContent ?? '');
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });

  const toggles = actions(page);
  const names = Object.keys(toggles) as (keyof typeof toggles)[];
  const next = random(9);
  const done: Record<string, number> = {};
  const until = Date.now() + TOGGLE_SECONDS * 1000;
  while (Date.now() < until) {
    const name = names[Math.floor(next() * names.length)];
    await toggles[name]();
    done[name] = (done[name] ?? 0) + 1;
    await page.waitForTimeout(100 + next() * 300);
  }
  test.info().annotations.push({ type: 'toggles', description: JSON.stringify(done) });
  for (const name of names) expect(done[name], `${name} was toggled`).toBeGreaterThan(0);

  // Settle: Live, demo camera, not paused; captions must still come, from a newer frame.
  await nav(page, 'Live').click();
  await page.getByRole('radio', { name: 'Demo camera (scene world)' }).check();
  if ((await page.getByRole('button', { name: 'Resume' }).count()) > 0) {
    await page.getByRole('button', { name: 'Resume' }).click();
  }
  await expect(live.modelStatus).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  const after = await live.nextFinalCaption(before.frameId);
  expect(after.frameId).toBeGreaterThan(before.frameId);
  expect(await page.evaluate(() => (window as unknown as { shownErrors: string[] }).shownErrors)).toEqual([]);

  // Paused, the worker holds no job and no tensor.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => pendingJobs(page)).toEqual([]);
  expect((await workerInfo(page)).resources.liveTensors).toBe(0);
});
