import {
  AutoModelForVision2Seq,
  AutoProcessor,
  type RawImage,
  TextStreamer,
  type PreTrainedModel,
  type Processor,
  type Tensor,
} from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointTransformersAtStandInHub, type Rgb, rgbImage, type StandInHub } from '../node-stand-in-hub';
import { PATCH, PATCH_MARGIN, colourListCaption, patchColours, presentColours } from '../colour-patches';
import { COLOURS, type Colour } from '../design';
import { ONNX_SUFFIX } from '../fixture-files';
import { IMAGE_SIZE, MAX_NEW_TOKENS, REPO_ID, SPECIAL, answerTokens } from './design';
import { SESSION_FILES } from './smolvlm-files';
import { buildSmolVocab, tokenId } from './tokenizer';

/**
 * transformers.js in Node (onnxruntime-node) loading the committed fixture from the stand-in hub, the way the app
 * runs SmolVLM: AutoProcessor + AutoModelForVision2Seq, chat template, processor(text, images), generate.
 */

const RED: Rgb = [230, 20, 20];
const GREEN: Rgb = [20, 230, 20];
const BLUE: Rgb = [20, 20, 230];
const GREY: Rgb = [128, 128, 128];

const inBox = (x: number, y: number, x0: number, y0: number, size: number) =>
  x >= x0 && x < x0 + size && y >= y0 && y < y0 + size;

const field = (colour: Rgb) => rgbImage(96, 64, () => colour);
/** A red field with a large blue square: both are whole patches at IMAGE_SIZE². */
const redWithBlueSquare = rgbImage(128, 128, (x, y) => (inBox(x, y, 32, 32, 64) ? BLUE : RED));
/** A blue field with a small green square: 3 px at IMAGE_SIZE², never most of an 8 px patch. */
const blueWithSmallGreen = rgbImage(256, 256, (x, y) => (inBox(x, y, 100, 100, 24) ? GREEN : BLUE));
/** A crop around the green square, as the app's second look takes one: there green fills whole patches. */
const greenCrop = await blueWithSmallGreen.crop([92, 92, 123, 123]);

/** A user turn with the images first, then the text (how the app builds its prompt). */
function messages(nImages: number, text: string) {
  return [
    {
      role: 'user',
      content: [...Array.from({ length: nImages }, () => ({ type: 'image' })), { type: 'text', text }],
    },
  ];
}

/** The designed colours of each image, from the processor's own pixels (pixel_values [1, n, 3, S, S]). */
function coloursOfPixels(pixelValues: Tensor): Colour[][] {
  const [, n, c, h, w] = pixelValues.dims;
  expect([c, h, w]).toEqual([3, IMAGE_SIZE, IMAGE_SIZE]);
  const data = pixelValues.data as Float32Array;
  const out: Colour[][] = [];
  for (let i = 0; i < n; i++) {
    const rgb = new Float64Array(h * w * 3);
    for (let ch = 0; ch < 3; ch++) {
      for (let p = 0; p < h * w; p++) rgb[p * 3 + ch] = data[(i * 3 + ch) * h * w + p] * 0.5 + 0.5;
    }
    // No patch may sit near the threshold, or float rounding could decide it: the test images keep wide margins.
    for (let pr = 0; pr < h / PATCH; pr++) {
      for (let pc = 0; pc < w / PATCH; pc++) {
        const mean = [0, 0, 0];
        for (let y = pr * PATCH; y < (pr + 1) * PATCH; y++) {
          for (let x = pc * PATCH; x < (pc + 1) * PATCH; x++) {
            for (let ch = 0; ch < 3; ch++) mean[ch] += rgb[(y * w + x) * 3 + ch] / (PATCH * PATCH);
          }
        }
        for (let ch = 0; ch < 3; ch++) {
          const margin = mean[ch] - Math.max(mean[(ch + 1) % 3], mean[(ch + 2) % 3]);
          expect(Math.abs(margin - PATCH_MARGIN), `image ${i} patch ${pr},${pc}`).toBeGreaterThan(0.02);
        }
      }
    }
    out.push(presentColours(patchColours(rgb, w)));
  }
  return out;
}

const union = (lists: Colour[][]) => COLOURS.filter((c) => lists.some((l) => l.includes(c)));

const DTYPES = ['fp32', 'fp16', 'q8'] as const;
type Dtype = (typeof DTYPES)[number];

const CASES: { name: string; images: RawImage[]; text: string; perImage: Colour[][] }[] = [
  { name: 'one red image', images: [field(RED)], text: 'Describe this image.', perImage: [['red']] },
  {
    name: 'red field with a blue square',
    images: [redWithBlueSquare],
    text: 'Describe this image.',
    perImage: [['red', 'blue']],
  },
  { name: 'grey image', images: [field(GREY)], text: 'Describe this image.', perImage: [[]] },
  {
    name: 'red frame plus a green crop',
    images: [field(RED), field(GREEN)],
    text: 'A coarse caption says: a photo of something red. Write a corrected description.',
    perImage: [['red'], ['green']],
  },
  {
    name: 'blue field whose small green square is not seen',
    images: [blueWithSmallGreen],
    text: 'Describe this image.',
    perImage: [['blue']],
  },
  {
    name: 'the same plus a crop of the green square',
    images: [blueWithSmallGreen, greenCrop],
    text: 'A coarse caption says: a photo of something blue. Write a corrected description.',
    perImage: [['blue'], ['green', 'blue']],
  },
  {
    name: 'four images: a frame and three crops',
    images: [field(GREY), field(BLUE), field(GREY), redWithBlueSquare],
    text: 'Write a corrected description.',
    perImage: [[], ['blue'], [], ['red', 'blue']],
  },
];

describe('transformers.js SmolVLM generation on the hub fixture', () => {
  let hub: StandInHub | undefined;
  let processor: Processor;
  const loaded: PreTrainedModel[] = [];

  beforeAll(async () => {
    hub = await pointTransformersAtStandInHub();
    processor = await AutoProcessor.from_pretrained(REPO_ID);
  });

  afterAll(async () => {
    for (const m of loaded) await m.dispose();
    await hub?.close();
  });

  async function prepare(images: RawImage[], text: string) {
    const prompt = processor.apply_chat_template(messages(images.length, text), { add_generation_prompt: true });
    return processor(prompt, images);
  }

  it('renders the SmolVLM chat template and expands each <image>', async () => {
    const prompt = processor.apply_chat_template(messages(2, 'Hi.'), { add_generation_prompt: true });
    expect(prompt).toBe('<|im_start|>User:<image><image>Hi.<end_of_utterance>\nAssistant:');
    const inputs = await prepare([field(RED), field(GREEN)], 'Hi.');
    expect(inputs.pixel_values.dims).toEqual([1, 2, 3, IMAGE_SIZE, IMAGE_SIZE]);
    const v = buildSmolVocab();
    const ids = Array.from(inputs.input_ids.data as BigInt64Array, Number);
    expect(ids.filter((id) => id === tokenId(v, SPECIAL.image)).length).toBe(2 * (IMAGE_SIZE / PATCH) ** 2);
    expect(ids.filter((id) => id === tokenId(v, SPECIAL.globalImage)).length).toBe(2);
  });

  it('squashes every image to IMAGE_SIZE² and the test images follow the designed rule', async () => {
    for (const c of CASES) {
      const inputs = await prepare(c.images, c.text);
      expect(coloursOfPixels(inputs.pixel_values), c.name).toEqual(c.perImage);
    }
  });

  describe.each(DTYPES)('dtype %s', (dtype: Dtype) => {
    let model: PreTrainedModel;
    beforeAll(async () => {
      const before = hub!.server.requests.length;
      model = await AutoModelForVision2Seq.from_pretrained(REPO_ID, { dtype });
      loaded.push(model);
      const onnx = hub!.server.requests
        .slice(before)
        .map((r) => r.path)
        .filter((path) => path.endsWith('.onnx'));
      const suffix = ONNX_SUFFIX[dtype];
      expect(onnx.sort()).toEqual(SESSION_FILES.map((f) => `/${REPO_ID}/resolve/main/onnx/${f}${suffix}.onnx`).sort());
    });

    async function answer(images: RawImage[], text: string): Promise<{ text: string; ids: number[] }> {
      const inputs = await prepare(images, text);
      const promptLength = inputs.input_ids.dims.at(-1) as number;
      const output = (await model.generate({
        ...inputs,
        max_new_tokens: MAX_NEW_TOKENS,
        do_sample: false,
      })) as Tensor;
      // Only the new tokens (transformers.js's typings want a number end, not the docs' null).
      const newTokens = output.slice(null, [promptLength, output.dims[1]]);
      const [decoded] = processor.batch_decode(newTokens, { skip_special_tokens: true });
      return { text: decoded, ids: Array.from(newTokens.data as BigInt64Array, Number) };
    }

    it.each(CASES)('answers the colours of all images: $name', async ({ images, text, perImage }) => {
      const inputs = await prepare(images, text);
      const colours = union(coloursOfPixels(inputs.pixel_values));
      expect(colours).toEqual(union(perImage));
      const v = buildSmolVocab();
      const out = await answer(images, text);
      expect(out.text).toBe(colourListCaption(colours));
      // Then <end_of_utterance>, and generation stops there.
      expect(out.ids).toEqual([...answerTokens(colours), SPECIAL.eos].map((t) => tokenId(v, t)));
    });

    it('streams the answer token by token through a TextStreamer', async () => {
      const v = buildSmolVocab();
      const tokens: bigint[] = [];
      const chunks: string[] = [];
      const { tokenizer } = processor;
      if (!tokenizer) throw new Error('the processor has no tokenizer');
      const streamer = new TextStreamer(tokenizer, {
        skip_prompt: true,
        skip_special_tokens: true,
        callback_function: (t: string) => chunks.push(t),
        token_callback_function: (ids: bigint[]) => tokens.push(...ids),
      });
      const inputs = await prepare([redWithBlueSquare, field(GREEN)], 'Describe these images.');
      await model.generate({ ...inputs, max_new_tokens: MAX_NEW_TOKENS, do_sample: false, streamer });
      const expected = [...answerTokens(['red', 'green', 'blue']), SPECIAL.eos];
      expect(tokens).toEqual(expected.map((t) => BigInt(tokenId(v, t))));
      expect(chunks.join('')).toBe(colourListCaption(['red', 'green', 'blue']));
      expect(chunks.length).toBeGreaterThan(1);
    });
  });
});
