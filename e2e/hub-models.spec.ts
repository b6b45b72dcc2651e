import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { designedColour, expectedCaption, FIXTURE_ROOT, REPO_ID } from '../scripts/hub-fixtures/design';
import { type HubServer, startHubServer } from '../scripts/hub-fixtures/hub-server';
import { ImagesViewPage, LiveViewPage } from './fixtures/app-views';
import { fakeCameraArgs } from '../scripts/chromium-flags';
import { realPhoto } from './fixtures/real-world';
import { BrowserErrors, expect, test } from './fixtures/test';

/**
 * Hub models through transformers.js (docs/hub-models.md), with the tiny vit-gpt2 fixture whose weights are
 * designed: it captions "a photo of something <colour>." for the channel with the largest mean over the picture
 * (scripts/hub-fixtures/README.md). So the coarse caption of any picture, and the caption of each crop the second
 * look takes, are known from the pixels alone.
 */

/** The q8 files the WASM backend loads (chooseHubDtype), and the JSON files every load reads. */
const Q8_ONNX = ['onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];

/** 640x480 red with a 200x200 blue square: the glance says red, a crop around the square says blue. */
const SQUARE = { x: 400, y: 60, w: 200, h: 200 };
function redWithBlueSquare(): Uint8Array {
  const width = 640;
  const height = 480;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = x >= SQUARE.x && x < SQUARE.x + SQUARE.w && y >= SQUARE.y && y < SQUARE.y + SQUARE.h;
      data.set(inside ? [20, 40, 220] : [200, 40, 30], (y * width + x) * 3);
    }
  }
  return encodePng({ width, height, data, channels: 3 });
}

/** A box [x, y, w, h] as the hand labels write it (scripts/real-photos/labels.json, photo pixels). */
type LabelBox = [number, number, number, number];

/** The hand-labelled boxes of one class in a photo, and the photo's size as labelled (docs/real-photos.md). */
function labelledBoxes(id: string, label: string): { width: number; height: number; boxes: LabelBox[] } {
  const file = join(import.meta.dirname, '..', 'scripts', 'real-photos', 'labels.json');
  const labels = JSON.parse(readFileSync(file, 'utf8')) as {
    photos: { id: string; width: number; height: number; objects: { label: string; box: LabelBox }[] }[];
  };
  const photo = labels.photos.find((p) => p.id === id)!;
  const boxes = photo.objects.filter((o) => o.label === label).map((o) => o.box);
  return { width: photo.width, height: photo.height, boxes };
}

/** Share of a labelled box that lies inside a region (both in the same pixels). */
function shareInside([x, y, w, h]: LabelBox, region: { x: number; y: number; w: number; h: number }): number {
  const iw = Math.min(x + w, region.x + region.w) - Math.max(x, region.x);
  const ih = Math.min(y + h, region.y + region.h) - Math.max(y, region.y);
  return iw > 0 && ih > 0 ? (iw * ih) / (w * h) : 0;
}

/** Channel means of a JPEG (an independent reading of the photo: jpeg-js in Node, not the browser). */
function jpegMeans(bytes: Uint8Array): [number, number, number] {
  const { data, width, height } = jpeg.decode(bytes, { useTArray: true });
  const sums = [0, 0, 0];
  for (let i = 0; i < width * height; i++) for (let c = 0; c < 3; c++) sums[c] += data[i * 4 + c];
  return sums.map((s) => s / (width * height)) as [number, number, number];
}

/**
 * A y4m clip for Chromium's fake webcam: `seconds` of each colour in turn (BT.601 limited-range YUV 4:2:0, the
 * format's usual reading), 10 fps, 160x120.
 */
function colourClip(colours: readonly [number, number, number][], seconds: number): Buffer {
  const [width, height, fps] = [160, 120, 10];
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  for (const [r, g, b] of colours) {
    const y = Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b);
    const u = Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b);
    const v = Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    const frame = Buffer.concat([
      Buffer.from('FRAME\n'),
      Buffer.alloc(width * height, y),
      Buffer.alloc((width * height) / 4, u),
      Buffer.alloc((width * height) / 4, v),
    ]);
    for (let i = 0; i < seconds * fps; i++) parts.push(frame);
  }
  return Buffer.concat(parts);
}

let hub: HubServer;
let root: string;
let hubRepoUrl: (id: string) => string;

test.beforeAll(async () => {
  // The fixture, plus repos a user could type by mistake: one that is no captioner, one without the q8 weights.
  root = mkdtempSync(join(tmpdir(), 'glance-hub-'));
  cpSync(FIXTURE_ROOT, root, { recursive: true });
  mkdirSync(join(root, 'glance-test', 'a-text-model'), { recursive: true });
  writeFileSync(join(root, 'glance-test', 'a-text-model', 'config.json'), JSON.stringify({ model_type: 'bert' }));
  cpSync(join(root, REPO_ID), join(root, 'glance-test', 'no-q8'), { recursive: true });
  rmSync(join(root, 'glance-test', 'no-q8', 'onnx', 'decoder_model_merged_quantized.onnx'));
  hub = await startHubServer({ root });
  hubRepoUrl = (id) => `${hub.url}${id}/resolve/main/`;
});

test.afterAll(async () => {
  await hub?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function loadInSettings(page: Page, url: string): Promise<void> {
  await page.getByLabel('Model URL').fill(url);
  await page.getByRole('button', { name: 'Load model' }).click();
}

test.describe('Hub models through transformers.js (WASM)', () => {
  test('load with byte progress, caption a picture and a photo with the second look, show their dtype', async ({
    page,
    glance,
  }) => {
    test.setTimeout(120_000);
    await glance.open('?backend=wasm');
    const url = hubRepoUrl(REPO_ID);

    // Through the worker API first: byte progress with totals, then warm-up and ready.
    const events = await glance.loadWithProgress(url);
    const downloads = events.filter((e) => e.phase === 'download');
    const last = downloads.at(-1)!;
    const onnxBytes = Q8_ONNX.reduce((sum, file) => sum + statSync(join(root, REPO_ID, file)).size, 0);
    expect(last.totalBytes).toBe(last.loadedBytes);
    expect(last.loadedBytes).toBeGreaterThanOrEqual(onnxBytes);
    for (const file of Q8_ONNX) expect(downloads.some((e) => e.file === file && e.fileTotal !== null)).toBe(true);
    expect(events.map((e) => e.phase).slice(-2)).toEqual(['warmup', 'ready']);
    const info = await glance.info();
    expect(info.bundle).toMatchObject({ name: REPO_ID, modelType: 'vision-encoder-decoder', dtype: 'q8' });
    expect(info.bundle!.parts).toEqual([...Q8_ONNX].sort());
    // Only the WASM backend's q8 files were fetched, never the fp32 ones.
    expect(hub.requests.filter((r) => r.path.endsWith('.onnx') && r.method === 'GET').map((r) => r.path)).toEqual(
      expect.arrayContaining(Q8_ONNX.map((file) => `/${REPO_ID}/resolve/main/${file}`)),
    );
    expect(hub.requests.some((r) => /encoder_model\.onnx|decoder_model_merged\.onnx/.test(r.path))).toBe(false);

    // Then as a user does it: Settings, the badge with the dtype, and Images.
    await loadInSettings(page, url);
    await expect(page.getByTestId('current-model')).toHaveAttribute('data-url', url, { timeout: 60_000 });
    await expect(glance.badge).toHaveText('WASM x2 threads · q8');

    const photo = realPhoto('horses');
    const images = new ImagesViewPage(page);
    await glance.navLink('Images').click();
    await images.drop([{ name: 'square.png', type: 'image/png', bytes: redWithBlueSquare() }, photo]);
    const square = images.card('square.png');
    await expect(square).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(square.getByTestId('coarse-caption')).toHaveText(expectedCaption('red'));
    await expect(square.getByTestId('refined-caption')).toHaveText(`${expectedCaption('red')} Closer: something blue.`);
    // The first region drawn on the picture holds the blue square's centre.
    const drawn = JSON.parse((await square.getByTestId('card-overlay').getAttribute('data-drawn')) ?? '{}');
    const scale = drawn.picture.w / 640;
    const centre = {
      x: drawn.picture.x + (SQUARE.x + SQUARE.w / 2) * scale,
      y: drawn.picture.y + (SQUARE.y + SQUARE.h / 2) * scale,
    };
    const first = drawn.boxes[0];
    expect(centre.x).toBeGreaterThanOrEqual(first.x);
    expect(centre.x).toBeLessThanOrEqual(first.x + first.w);
    expect(centre.y).toBeGreaterThanOrEqual(first.y);
    expect(centre.y).toBeLessThanOrEqual(first.y + first.h);

    // A real photo: the colour its pixels say, read independently of the browser.
    const card = images.card(photo.name);
    await expect(card).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(card.getByTestId('coarse-caption')).toHaveText(
      expectedCaption(designedColour(jpegMeans(photo.bytes))),
    );
    // Its second look goes where the real-world bundle's COCO detector found objects: the first region drawn holds
    // most of a horse as labelled by hand (labels.json, in the photo's own pixels, which are the frame's here).
    const horses = labelledBoxes('horses', 'horse');
    const decoded = jpeg.decode(photo.bytes, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([horses.width, horses.height]);
    const photoDrawn = JSON.parse((await card.getByTestId('card-overlay').getAttribute('data-drawn')) ?? '{}');
    const toPhoto = photoDrawn.picture.w / horses.width;
    const firstDrawn = photoDrawn.boxes[0];
    const firstRegion = {
      x: (firstDrawn.x - photoDrawn.picture.x) / toPhoto,
      y: (firstDrawn.y - photoDrawn.picture.y) / toPhoto,
      w: firstDrawn.w / toPhoto,
      h: firstDrawn.h / toPhoto,
    };
    expect(Math.max(...horses.boxes.map((box) => shareInside(box, firstRegion)))).toBeGreaterThanOrEqual(0.5);

    // Which source chose the regions (the UI neither knows nor shows it): the detector on the photo; on the drawn
    // picture, where it finds nothing, the colour-contrast heat map, i.e. the regions asserted above.
    const sources = await page.evaluate(
      async (files) => {
        const client = window.__glance!.client;
        const out: (string | undefined)[][] = [];
        for (const bytes of files) {
          const result = await client.caption(new Blob([new Uint8Array(bytes)]));
          out.push(result.regions.map((r) => r.source));
        }
        return out;
      },
      [Array.from(photo.bytes), Array.from(redWithBlueSquare())],
    );
    expect(sources[0].length).toBeGreaterThan(0);
    expect(sources[0].every((s) => s === 'detector')).toBe(true);
    expect(sources[1].length).toBeGreaterThan(0);
    expect(sources[1].every((s) => s === 'colour contrast')).toBe(true);
  });

  test('streams tokens, is cancelled mid-caption, and loads from the cache when the hub is gone', async ({
    page,
    glance,
  }) => {
    test.setTimeout(120_000);
    // Its own hub, so that it can go away.
    const own = await startHubServer({ root });
    const url = `${own.url}${REPO_ID}/resolve/main/`;
    try {
      await glance.open(`?backend=wasm&model=${encodeURIComponent(url)}`);
      expect((await glance.info()).bundle).toMatchObject({ name: REPO_ID, dtype: 'q8' });

      const run = await page.evaluate(async () => {
        const client = window.__glance!.client;
        const picture = () => {
          const canvas = new OffscreenCanvas(320, 240);
          const ctx = canvas.getContext('2d')!;
          ctx.fillStyle = 'rgb(30, 190, 40)';
          ctx.fillRect(0, 0, 320, 240);
          return canvas.transferToImageBitmap();
        };
        const pieces: string[] = [];
        const done = await client.caption(
          picture(),
          { refine: false },
          { onEvent: (e) => e.type === 'token' && e.pass === 'coarse' && pieces.push(e.text) },
        );
        // Cancelled once the coarse caption is out, while the second look decodes its crops.
        const abort = new AbortController();
        const cancelled = await client
          .caption(picture(), {}, { signal: abort.signal, onEvent: (e) => e.type === 'caption' && abort.abort() })
          .then(
            () => 'finished',
            (error: Error) => error.name,
          );
        const pending = await client.pendingJobs();
        const after = await client.caption(picture(), { refine: false });
        return { pieces, coarse: done.coarse.text, cancelled, pending, after: after.coarse.text };
      });
      expect(run.coarse).toBe(expectedCaption('green'));
      expect(run.pieces.length).toBeGreaterThan(3);
      expect(run.pieces.join('')).toBe(run.coarse);
      expect(run.cancelled).toBe('AbortError');
      expect(run.pending).toEqual([]);
      expect(run.after).toBe(expectedCaption('green'));
    } finally {
      await own.close();
    }

    // The hub is gone: a reload loads the same model from transformers.js's cache and captions.
    await page.reload();
    await page.evaluate(() => window.__glance!.runtimeSettled);
    const info = await glance.info();
    expect(info.bundle).toMatchObject({ name: REPO_ID, dtype: 'q8', captioner: true });
    expect(info.bundle!.cachedFiles).toEqual(expect.arrayContaining(Q8_ONNX));
    const caption = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(64, 64);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = 'rgb(20, 30, 200)';
      ctx.fillRect(0, 0, 64, 64);
      return (await window.__glance!.client.caption(canvas.transferToImageBitmap())).coarse.text;
    });
    expect(caption).toBe(expectedCaption('blue'));
  });

  test('names the model and the file when a hub model cannot be used, and keeps the model in use', async ({
    page,
    glance,
    browserErrors,
  }) => {
    test.setTimeout(120_000);
    browserErrors.allow(/Failed to load resource: the server responded with a status of 404/);
    await glance.open('?backend=wasm');
    const current = page.getByTestId('current-model');
    const inUse = (await current.getAttribute('data-url'))!;
    const change = page.getByTestId('model-change');

    await loadInSettings(page, hubRepoUrl('glance-test/no-such-model'));
    await expect(change).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
    await expect(change).toContainText('the repo does not exist, is private, or has no config.json (HTTP 404)');

    await loadInSettings(page, hubRepoUrl('glance-test/a-text-model'));
    await expect(change).toContainText("glance-test/a-text-model is a 'bert' model, not an image-to-text model", {
      timeout: 60_000,
    });

    await loadInSettings(page, hubRepoUrl('glance-test/no-q8'));
    await expect(change).toContainText(
      'glance-test/no-q8: onnx/decoder_model_merged_quantized.onnx is missing from the repo',
      { timeout: 60_000 },
    );
    await expect(current).toHaveAttribute('data-url', inUse);
    expect((await glance.info()).bundle?.url).toBe(new URL(inUse, page.url()).href);
  });

  test('asks before downloading more than 500 MB, downloads nothing until the user agrees, then loads', async ({
    page,
    glance,
  }) => {
    test.setTimeout(120_000);
    // The hub names the size of LFS files in HEAD answers; this one says the q8 decoder is 700,000,000 bytes.
    const big = await startHubServer({
      root,
      linkedSizes: { [`${REPO_ID}/onnx/decoder_model_merged_quantized.onnx`]: 700_000_000 },
    });
    try {
      await glance.open('?backend=wasm');
      const url = `${big.url}${REPO_ID}/resolve/main/`;
      await loadInSettings(page, url);
      const change = page.getByTestId('model-change');
      await expect(change).toHaveAttribute('data-state', 'asking', { timeout: 60_000 });
      // 700,000,000 bytes plus the encoder's 1 kB, in the app's units.
      await expect(change).toContainText(`${REPO_ID} needs 668 MB of q8 weights downloaded`);
      await expect(change).toContainText('Still using Glance world v3');
      expect(big.requests.filter((r) => r.method === 'GET' && r.path.endsWith('.onnx'))).toEqual([]);

      await change.getByRole('button', { name: 'Download it' }).click();
      await expect(page.getByTestId('current-model')).toHaveAttribute('data-url', url, { timeout: 60_000 });
      expect((await glance.info()).bundle).toMatchObject({ name: REPO_ID, dtype: 'q8' });
    } finally {
      await big.close();
    }
  });

  test('Live: a webcam that shows red, then blue, is captioned red, then blue', async ({
    playwright,
    baseURL,
  }, testInfo) => {
    test.setTimeout(120_000);
    const clip = testInfo.outputPath('colours.y4m');
    writeFileSync(
      clip,
      colourClip(
        [
          [200, 40, 30],
          [30, 50, 210],
        ],
        3,
      ),
    );
    const launch = testInfo.project.use.launchOptions ?? {};
    const browser = await playwright.chromium.launch({
      ...launch,
      args: [...(launch.args ?? []), ...fakeCameraArgs(clip)],
    });
    try {
      const page = await browser.newPage({ baseURL });
      const errors = new BrowserErrors(page);
      const live = new LiveViewPage(page);
      await live.open(`?backend=wasm&model=${encodeURIComponent(hubRepoUrl(REPO_ID))}`);
      await page.getByRole('radio', { name: 'Webcam' }).check();
      await page.getByRole('button', { name: 'Start webcam' }).click();
      const seen: string[] = [];
      let frameId = 0;
      while (seen.length < 2) {
        const next = await live.nextFinalCaption(frameId, 60_000);
        frameId = next.frameId;
        expect([expectedCaption('red'), expectedCaption('blue')]).toContain(next.text);
        if (!seen.includes(next.text)) seen.push(next.text);
      }
      expect(errors.unexpected()).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
