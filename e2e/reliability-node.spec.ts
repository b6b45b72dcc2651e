import { expect, test } from '@playwright/test';
import { decodeImage } from '../src/node/decode-image';
import { loadNodeCaptioner, type NodeCaptioner } from '../src/node/load-captioner';
import { TINY_BUNDLE } from './fixtures/caption-bundle';
import { badFiles } from './fixtures/reliability-files';

/**
 * The bad-file table through the Node path (src/node: onnxruntime-node, the path of `npm run caption`, eval and
 * bench), no browser: every file gets a caption or an ImageDecodeError naming it and the problem, and the
 * captioner goes on with the next file.
 */
let node: NodeCaptioner;

test.beforeAll(async () => {
  node = await loadNodeCaptioner(TINY_BUNDLE);
});

test.afterAll(async () => {
  await node?.dispose();
});

/** RGB of pixel (x, y) of a decoded image. */
function rgb(image: ReturnType<typeof decodeImage>, x: number, y: number): number[] {
  const at = (y * image.width + x) * image.channels;
  return Array.from(image.data.slice(at, at + 3));
}

test('Node path: each bad file gets a caption or a named error, and the batch goes on', async () => {
  const outcomes: Record<string, string> = {};
  for (const file of badFiles()) {
    try {
      const result = await node.captionImage(file.bytes, file.name, { refine: false });
      outcomes[file.name] = `caption of ${result.coarse.tokens.length} tokens`;
    } catch (error) {
      outcomes[file.name] = `${(error as Error).name}: ${(error as Error).message}`;
    }
  }
  expect(outcomes).toEqual({
    'empty.png': 'ImageDecodeError: empty.png: file is empty',
    'notes.png': 'ImageDecodeError: notes.png: unsupported format; use PNG or JPEG',
    'truncated.png': expect.stringMatching(
      /^ImageDecodeError: truncated\.png: corrupt PNG \(truncated: it ends before/,
    ),
    'truncated.jpg': expect.stringMatching(
      /^ImageDecodeError: truncated\.jpg: corrupt JPEG \(truncated: it ends before/,
    ),
    // No decode-time downscale in Node: refused from its header, before 576 MB of RGBA.
    'huge.png': expect.stringMatching(/^ImageDecodeError: huge\.png: 12000 x 12000 is 144 megapixels, over the 50/),
    'good.png': expect.stringMatching(/^caption of \d+ tokens$/),
    'one-pixel.png': expect.stringMatching(/^caption/),
    'panorama.png': expect.stringMatching(/^caption/),
    'animated.gif': 'ImageDecodeError: animated.gif: unsupported format (GIF); use PNG or JPEG',
    'drawing.svg': 'ImageDecodeError: drawing.svg: unsupported format (SVG); use PNG or JPEG',
    'cmyk.jpg': expect.stringMatching(/^caption/),
    'rotated.jpg': expect.stringMatching(/^caption/),
  });
});

test('Node path: CMYK comes out in the right colours, EXIF orientation is applied, a huge file is refused at once', () => {
  const files = Object.fromEntries(badFiles().map((f) => [f.name, f.bytes]));
  // e2e/files/README.md: left half cyan, right half red (as PIL reads it back).
  const cmyk = decodeImage(files['cmyk.jpg'], 'cmyk.jpg');
  expect([cmyk.width, cmyk.height]).toEqual([64, 48]);
  for (const [x, expected] of [
    [8, [0, 255, 255]],
    [56, [255, 0, 0]],
  ] as const) {
    rgb(cmyk, x, 24).forEach((value, i) => expect(Math.abs(value - expected[i]), `x ${x}`).toBeLessThanOrEqual(8));
  }
  // Stored 40 x 24, left red and right blue, orientation 6 (turn clockwise): upright 24 x 40, red on top.
  const rotated = decodeImage(files['rotated.jpg'], 'rotated.jpg');
  expect([rotated.width, rotated.height]).toEqual([24, 40]);
  expect(rgb(rotated, 12, 4)[0]).toBeGreaterThan(200);
  expect(rgb(rotated, 12, 35)[2]).toBeGreaterThan(200);

  const started = performance.now();
  expect(() => decodeImage(files['huge.png'], 'huge.png')).toThrow(/megapixels/);
  expect(performance.now() - started, 'refused from the header, not after decoding').toBeLessThan(1000);
});
