import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeCameraArgs } from '../scripts/chromium-flags';
import { LiveViewPage } from './fixtures/app-views';
import { fittingScene, parseWebVtt } from './fixtures/app-views-world';
import { BrowserErrors, expect, test } from './fixtures/test';
import type { ObjectDescription } from '../src/world/scene';

/**
 * The fake webcam's clip: the scene at the world's own 256 px, centred in a 5:4 frame; 4 scene changes. Seed 40's
 * scenes have 2-3 objects, none small (small objects are the eval's business, not the app test's).
 */
const Y4M = { width: 320, height: 256, sceneSize: 256, fps: 10, seconds: 14, seed: 40 };

interface Sidecar {
  segments: { objects: ObjectDescription[]; detailed: string }[];
}

test.describe('Live view with a webcam', () => {
  test('a fake webcam playing world scenes: captions fit the scenes, change with them, and boxes lie on the picture', async ({
    playwright,
    baseURL,
  }, testInfo) => {
    test.setTimeout(240_000);
    const file = testInfo.outputPath('webcam.y4m');
    execFileSync(join(process.cwd(), 'node_modules', '.bin', 'tsx'), [
      'scripts/world-y4m.ts',
      ...['--out', file, '--seed', String(Y4M.seed), '--seconds', String(Y4M.seconds), '--fps', String(Y4M.fps)],
      ...['--width', String(Y4M.width), '--height', String(Y4M.height), '--scene-size', String(Y4M.sceneSize)],
    ]);
    const sidecar = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as Sidecar;

    const launch = testInfo.project.use.launchOptions ?? {};
    const browser = await playwright.chromium.launch({
      ...launch,
      args: [...(launch.args ?? []), ...fakeCameraArgs(file)],
    });
    try {
      const page = await browser.newPage({ baseURL, viewport: { width: 1280, height: 800 } });
      const errors = new BrowserErrors(page);
      const live = new LiveViewPage(page);
      await live.open('?backend=wasm');
      await page.getByRole('radio', { name: 'Webcam' }).check();
      await page.getByRole('button', { name: 'Start webcam' }).click();
      await expect(page.getByRole('button', { name: 'Stop source' })).toBeVisible();

      const seen: string[] = [];
      let frameId = 0;
      while (seen.length < 2) {
        const next = await live.nextFinalCaption(frameId, 90_000);
        frameId = next.frameId;
        if (seen.includes(next.text)) continue;
        const fit = fittingScene(next.text, sidecar.segments);
        expect(fit.scene, `"${next.text}" fits no scene of the clip: ${fit.reasons.join('; ')}`).not.toBeNull();
        seen.push(next.text);
      }

      const drawn = await live.drawnOverlay();
      expect(drawn.picture).not.toBeNull();
      // The 320x256 frame is shown whole (object-fit: contain): its aspect ratio survives.
      expect(drawn.picture!.w / drawn.picture!.h).toBeCloseTo(Y4M.width / Y4M.height, 2);
      expect(drawn.boxes.length).toBeGreaterThan(0);
      for (const box of drawn.boxes) {
        expect(box.x).toBeGreaterThanOrEqual(drawn.picture!.x - 0.5);
        expect(box.x + box.w).toBeLessThanOrEqual(drawn.picture!.x + drawn.picture!.w + 0.5);
        expect(box.y).toBeGreaterThanOrEqual(drawn.picture!.y - 0.5);
        expect(box.y + box.h).toBeLessThanOrEqual(drawn.picture!.y + drawn.picture!.h + 0.5);
      }

      const cues = parseWebVtt(await live.export('WebVTT'));
      expect(cues.length).toBeGreaterThanOrEqual(2);
      expect(errors.unexpected()).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  test('without a camera, starting the webcam says why it cannot, and the demo camera still works', async ({
    page,
  }) => {
    const live = new LiveViewPage(page);
    await page.goto('/#/live');
    await page.getByRole('radio', { name: 'Webcam' }).check();
    await page.getByRole('button', { name: 'Start webcam' }).click();
    // Headless Chromium without a fake device has no camera (or refuses the prompt): either message is specific.
    const error = page.getByTestId('camera-error');
    await expect(error).toBeVisible();
    await expect(error).toHaveAttribute('data-problem', /^(no-camera|permission)$/);
    await expect(error).toContainText(/No camera was found|Camera permission was refused/);
    await page.getByRole('radio', { name: /Demo camera/ }).check();
    await expect(page.getByRole('button', { name: 'Stop source' })).toBeVisible();
    await expect(live.caption).toBeVisible();
  });
});
