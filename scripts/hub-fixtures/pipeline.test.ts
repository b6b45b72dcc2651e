import { type RawImage, TextStreamer, pipeline, type ImageToTextPipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointTransformersAtStandInHub, type Rgb, rgbImage, type StandInHub } from './node-stand-in-hub';
import { COLOUR_TOKENS, type Colour, EOT, REPO_ID, designedColour, expectedCaption } from './design';
import { ONNX_SUFFIX } from './fixture-files';
import { buildVocab } from './tokenizer';

/** transformers.js in Node (onnxruntime-node) loading the committed fixture from the stand-in hub. */

type Caption = { generated_text: string }[];

/** A field of `main` with a square of `other` in one corner, so the image is mostly, not only, one colour. */
function mostly(main: Rgb, other: Rgb): RawImage {
  return rgbImage(48, 40, (x, y) => (x < 12 && y < 12 ? other : main));
}

function channelMeans(img: RawImage): [number, number, number] {
  const sums: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < img.data.length; i++) sums[i % 3] += img.data[i];
  const n = img.width * img.height;
  return [sums[0] / n, sums[1] / n, sums[2] / n];
}

const DTYPES = ['fp32', 'fp16', 'q8'] as const;
type Dtype = (typeof DTYPES)[number];

const CASES: { name: string; img: RawImage; colour: Colour }[] = [
  { name: 'mostly red', img: mostly([210, 40, 35], [20, 40, 200]), colour: 'red' },
  { name: 'mostly green', img: mostly([35, 180, 60], [220, 30, 30]), colour: 'green' },
  { name: 'mostly blue', img: mostly([30, 60, 200], [40, 190, 40]), colour: 'blue' },
  // Equal areas; the red half is brighter than the blue one, so red has the larger mean.
  { name: 'half red, half blue', img: rgbImage(64, 32, (x) => (x < 32 ? [255, 0, 0] : [0, 0, 150])), colour: 'red' },
  { name: 'half blue, half red', img: rgbImage(64, 32, (x) => (x < 32 ? [150, 0, 0] : [0, 0, 255])), colour: 'blue' },
];

describe('transformers.js image-to-text on the hub fixture', () => {
  let hub: StandInHub | undefined;
  const loaded: ImageToTextPipeline[] = [];

  beforeAll(async () => {
    hub = await pointTransformersAtStandInHub();
  });

  afterAll(async () => {
    for (const p of loaded) await p.dispose();
    await hub?.close();
  });

  async function captioner(dtype: Dtype): Promise<ImageToTextPipeline> {
    const p = (await pipeline('image-to-text', REPO_ID, { dtype })) as ImageToTextPipeline;
    loaded.push(p);
    return p;
  }

  it('the test images follow the designed rule (largest channel mean)', () => {
    for (const c of CASES) expect(designedColour(channelMeans(c.img)), c.name).toBe(c.colour);
  });

  describe.each(DTYPES)('dtype %s', (dtype) => {
    let p: ImageToTextPipeline;
    beforeAll(async () => {
      const before = hub!.server.requests.length;
      p = await captioner(dtype);
      const onnx = hub!.server.requests
        .slice(before)
        .map((r) => r.path)
        .filter((path) => path.endsWith('.onnx'));
      // Only this dtype's two files: no fallback to (or extra fetch of) another variant.
      const suffix = ONNX_SUFFIX[dtype];
      expect(onnx.sort()).toEqual([
        `/${REPO_ID}/resolve/main/onnx/decoder_model_merged${suffix}.onnx`,
        `/${REPO_ID}/resolve/main/onnx/encoder_model${suffix}.onnx`,
      ]);
    });

    it.each(CASES)('captions $name', async ({ img, colour }) => {
      const out = (await p(img)) as Caption;
      expect(out).toEqual([{ generated_text: expectedCaption(colour) }]);
    });

    it('streams the tokens in order through a TextStreamer', async () => {
      const v = buildVocab();
      const tokens: bigint[] = [];
      const chunks: string[] = [];
      const streamer = new TextStreamer(p.tokenizer, {
        skip_prompt: true,
        callback_function: (text: string) => chunks.push(text),
        token_callback_function: (ids: bigint[]) => tokens.push(...ids),
      });
      const out = (await p(mostly([20, 30, 220], [200, 200, 200]), { streamer })) as Caption;
      const chain = ['a', 'Ġphoto', 'Ġof', 'Ġsomething', COLOUR_TOKENS.blue, '.', EOT];
      expect(tokens).toEqual(chain.map((t) => BigInt(v.vocab.get(t) as number)));
      expect(chunks.join('')).toBe(expectedCaption('blue'));
      expect(chunks.length).toBeGreaterThan(1);
      expect(out[0].generated_text).toBe(expectedCaption('blue'));
    });
  });
});
