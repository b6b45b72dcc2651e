import type { DemoCamera } from '../src/world/demo-camera';
import { demoSceneAt } from '../src/world/demo-world';
import { renderScene } from '../src/world/render';
import { expect, test } from './fixtures/test';
import { bundleWorld, openWorldPage, sha256 } from './pages/world-harness';

/** The page's globals in this spec: the camera under test and the clock it reads. */
type DemoWindow = Window & { demo?: DemoCamera; demoClock?: { t: number } };

const SEED = 3;
const SIZE = 128;

let bundle: string;
test.beforeAll(async () => {
  bundle = await bundleWorld();
});

test.describe('demo camera', () => {
  test('streams the demo world: the canvas shows currentScene(), the scene Node computes for that time', async ({
    page,
    baseURL,
  }) => {
    await openWorldPage(page, baseURL!, bundle);
    // A clock the test moves, so the demo's changes happen on cue rather than every 3.5 s.
    const at = async (tMs: number) =>
      page.evaluate(
        async ({ tMs, seed, size }) => {
          const w = window as DemoWindow;
          if (!w.demo) {
            w.demoClock = { t: 0 };
            const clock = w.demoClock;
            w.demo = window.GlanceWorld.startDemoCamera({ size, fps: 20, seed, now: () => clock.t });
          }
          w.demoClock!.t = tMs;
          await new Promise((resolve) => setTimeout(resolve, 150)); // > one tick at 20 fps
          const demo = w.demo;
          const pixels = demo.canvas.getContext('2d')!.getImageData(0, 0, size, size).data;
          const digest = await crypto.subtle.digest('SHA-256', pixels);
          const track = demo.stream.getVideoTracks()[0];
          return {
            elapsedMs: demo.elapsedMs(),
            scene: JSON.stringify(demo.currentScene()),
            hash: Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join(''),
            tracks: demo.stream.getTracks().length,
            live: track.readyState,
            width: track.getSettings().width,
          };
        },
        { tMs, seed: SEED, size: SIZE },
      );

    for (const t of [0, 1_100, 3_600, 9_000, 15_000]) {
      const shown = await at(t);
      expect(shown.elapsedMs).toBe(t);
      const scene = demoSceneAt(SEED, t);
      expect(shown.scene, `scene at ${t} ms`).toBe(JSON.stringify(scene));
      expect(shown.hash, `pixels at ${t} ms`).toBe(sha256(renderScene(scene, SIZE)));
      expect(shown).toMatchObject({ tracks: 1, live: 'live', width: SIZE });
    }
    expect(JSON.stringify(demoSceneAt(SEED, 3_600).objects)).not.toBe(JSON.stringify(demoSceneAt(SEED, 0).objects));

    // A video element plays the stream like a webcam's; stop() ends it.
    const played = await page.evaluate(async () => {
      const demo = (window as DemoWindow).demo!;
      const video = document.createElement('video');
      video.muted = true;
      video.srcObject = demo.stream;
      await video.play();
      const size = [video.videoWidth, video.videoHeight];
      demo.stop();
      demo.stop();
      return { size, state: demo.stream.getVideoTracks()[0].readyState };
    });
    expect(played).toEqual({ size: [SIZE, SIZE], state: 'ended' });
  });
});
