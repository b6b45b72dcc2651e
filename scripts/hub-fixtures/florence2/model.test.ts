import {
  AutoProcessor,
  Florence2ForConditionalGeneration,
  Florence2Processor,
  type PreTrainedTokenizer,
  type RawImage,
  TextStreamer,
  type Tensor,
} from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointTransformersAtStandInHub, type Rgb, rgbImage, type StandInHub } from '../node-stand-in-hub';
import { patchColours } from '../colour-patches';
import { type Colour } from '../design';
import { ONNX_SUFFIX } from '../fixture-files';
import {
  BOS,
  CAPTION_TASKS,
  EOS,
  GROUNDING_TASK,
  IMAGE_SIZE,
  REPO_ID,
  binsToPixels,
  expectedCaption,
  expectedCaptionText,
  expectedGroundingText,
  expectedPhrases,
  locToken,
} from './design';
import { SESSIONS } from './florence2-files';
import { buildVocab, tokenId } from './tokenizer';

/**
 * transformers.js in Node (onnxruntime-node) loading the committed fixture from the stand-in hub, the way its
 * Florence-2 docs do it: AutoProcessor + Florence2ForConditionalGeneration, processor(image, prompt),
 * model.generate, batch_decode(skip_special_tokens: false), post_process_generation. The expected answers come from
 * colour-patches.ts run on the processor's own 64×64 pixels; each test image also pins which colours that is, so an
 * image that stopped meaning what its name says would fail too.
 */

const RED: Rgb = [220, 30, 30];
const GREEN: Rgb = [30, 200, 40];
const BLUE: Rgb = [25, 40, 215];
const GREY: Rgb = [128, 128, 128];

const inSquare = (x: number, y: number, x0: number, y0: number, side: number) =>
  x >= x0 && x < x0 + side && y >= y0 && y < y0 + side;

/** A blue field with a 6-px green square at (64, 64): at 64×64 it is 3×3 pixels of one patch, too little to count. */
const smallGreen = (x: number, y: number): Rgb => (inSquare(x, y, 64, 64, 6) ? GREEN : BLUE);

interface Case {
  name: string;
  img: RawImage;
  colours: Colour[];
}

const CASES: Case[] = [
  { name: 'one colour (green)', img: rgbImage(80, 60, () => GREEN), colours: ['green'] },
  {
    name: 'red field with a blue square',
    img: rgbImage(96, 96, (x, y) => (inSquare(x, y, 48, 0, 48) ? BLUE : RED)),
    colours: ['red', 'blue'],
  },
  { name: 'blue field with a small green square', img: rgbImage(128, 128, smallGreen), colours: ['blue'] },
  {
    // The 24-px crop at (55, 55) of the same field: the square is crop pixels 9..14, patches 3 and 4 at 64×64.
    name: 'a crop around the small green square',
    img: rgbImage(24, 24, (x, y) => smallGreen(x + 55, y + 55)),
    colours: ['green', 'blue'],
  },
  { name: 'no colour (grey)', img: rgbImage(70, 50, () => GREY), colours: [] },
  {
    name: 'red, green and blue stripes',
    img: rgbImage(64, 64, (x) => (x < 16 ? RED : x < 40 ? GREEN : BLUE)),
    colours: ['red', 'green', 'blue'],
  },
];

const DTYPES = ['fp32', 'fp16', 'q8'] as const;
type Dtype = (typeof DTYPES)[number];

/** The processor's pixels back in [0, 1], HWC, as colour-patches.ts takes them. */
function processedRgb(pixelValues: Tensor): number[] {
  expect(pixelValues.dims).toEqual([1, 3, IMAGE_SIZE, IMAGE_SIZE]);
  const chw = pixelValues.data as Float32Array;
  const n = IMAGE_SIZE * IMAGE_SIZE;
  const rgb: number[] = new Array<number>(n * 3);
  for (let c = 0; c < 3; c++) for (let i = 0; i < n; i++) rgb[i * 3 + c] = chw[c * n + i] * 0.5 + 0.5;
  return rgb;
}

describe('transformers.js Florence-2 on the hub fixture', () => {
  let hub: StandInHub | undefined;
  let processor: Florence2Processor;
  const models: { dispose(): Promise<unknown> }[] = [];
  const v = buildVocab();

  beforeAll(async () => {
    hub = await pointTransformersAtStandInHub();
    const auto = await AutoProcessor.from_pretrained(REPO_ID);
    // AutoProcessor picks Florence2Processor by preprocessor_config.json's processor_class.
    expect(auto).toBeInstanceOf(Florence2Processor);
    processor = auto as Florence2Processor;
  });

  afterAll(async () => {
    for (const m of models) await m.dispose();
    await hub?.close();
  });

  /** What the processor makes of an image: its inputs and the colour of each of its 64 patches. */
  async function prepare(img: RawImage, task: string, input = '') {
    const inputs = await processor(img, processor.construct_prompts(task + input));
    return { inputs, patches: patchColours(processedRgb(inputs.pixel_values as Tensor), IMAGE_SIZE) };
  }

  it('picks Florence2Processor with a CLIP image processor that squashes every image to 64×64', async () => {
    expect(processor.image_processor?.constructor.name).toBe('CLIPImageProcessor');
    expect(processor.construct_prompts('<CAPTION>')).toEqual(['What does the image describe?']);
    expect(processor.construct_prompts(`${GROUNDING_TASK}a red ball`)).toEqual([
      'Locate the phrases in the caption: a red ball',
    ]);
    const { inputs } = await prepare(
      rgbImage(30, 90, () => RED),
      '<CAPTION>',
    );
    expect((inputs.pixel_values as Tensor).dims).toEqual([1, 3, IMAGE_SIZE, IMAGE_SIZE]);
  });

  it.each(CASES)('the test image "$name" has the colours it is named for', async ({ img, colours }) => {
    const { patches } = await prepare(img, '<CAPTION>');
    expect(expectedCaption(patches)).toBe(expectedCaption(colours));
  });

  describe.each(DTYPES)('dtype %s', (dtype: Dtype) => {
    let model: Florence2ForConditionalGeneration;

    beforeAll(async () => {
      const before = hub!.server.requests.length;
      model = (await Florence2ForConditionalGeneration.from_pretrained(REPO_ID, {
        dtype,
      })) as Florence2ForConditionalGeneration;
      models.push(model);
      const onnx = hub!.server.requests
        .slice(before)
        .map((r) => r.path)
        .filter((path) => path.endsWith('.onnx'));
      // Only this dtype's four files: no fallback to (or extra fetch of) another variant.
      const files = SESSIONS.map((s) => `/${REPO_ID}/resolve/main/onnx/${s}${ONNX_SUFFIX[dtype]}.onnx`);
      expect([...new Set(onnx)].sort()).toEqual(files.sort());
    });

    async function run(img: RawImage, task: string, input = '', streamer?: TextStreamer) {
      const { inputs, patches } = await prepare(img, task, input);
      const ids = (await model.generate({ ...inputs, max_new_tokens: 60, streamer })) as Tensor;
      const text = processor.batch_decode(ids, { skip_special_tokens: false })[0];
      const answer = processor.post_process_generation(text, task, [img.width, img.height]);
      return { text, answer, patches, length: ids.dims[1] };
    }

    it.each(CASES)('captions "$name" with each caption task', async ({ img, colours }) => {
      for (const task of CAPTION_TASKS) {
        const { text, answer, patches } = await run(img, task);
        expect(text).toBe(expectedCaptionText(patches));
        expect(answer).toEqual({ [task]: expectedCaption(patches) });
        expect(answer[task]).toBe(expectedCaption(colours));
      }
    });

    it('grounds the named colours that are present, with their patch boxes', async () => {
      const fieldWithSquare = CASES[1].img; // red field, blue square in the top right quarter
      const stripes = CASES[5].img;
      const cases: { img: RawImage; input: string; labels: string[] }[] = [
        {
          img: fieldWithSquare,
          input: 'something red and something green and something blue',
          labels: ['red', 'blue'],
        },
        { img: fieldWithSquare, input: 'a Blue box', labels: ['blue'] },
        { img: fieldWithSquare, input: 'green grass', labels: [] },
        { img: fieldWithSquare, input: 'a cat', labels: [] },
        { img: stripes, input: 'blue, green and red', labels: ['red', 'green', 'blue'] },
        { img: CASES[4].img, input: 'red green blue', labels: [] },
      ];
      for (const { img, input, labels } of cases) {
        const { text, answer, patches, length } = await run(img, GROUNDING_TASK, input);
        const phrases = expectedPhrases(patches, input);
        expect(phrases.map((p) => p.label)).toEqual(labels.map((c) => `something ${c}`));
        expect(text).toBe(expectedGroundingText(phrases));
        expect(answer).toEqual({
          [GROUNDING_TASK]: {
            labels: phrases.map((p) => p.label),
            bboxes: phrases.map((p) => binsToPixels(p.loc, img.width, img.height)),
          },
        });
        // decoder start + <s> + six tokens per phrase + </s>
        expect(length).toBe(3 + 6 * phrases.length);
      }
      // The boxes, pinned: the red field spans the image, the blue square its top right quarter.
      const { answer } = await run(fieldWithSquare, GROUNDING_TASK, 'red and blue');
      expect(answer[GROUNDING_TASK]).toEqual({
        labels: ['something red', 'something blue'],
        bboxes: [binsToPixels([0, 0, 999, 999], 96, 96), binsToPixels([500, 0, 999, 499], 96, 96)],
      });
    });

    it('writes <s> itself: the same text without forced_bos_token_id, and stops at </s> before max_length', async () => {
      const { inputs, patches } = await prepare(CASES[5].img, '<CAPTION>');
      const ids = (await model.generate({ ...inputs, forced_bos_token_id: null })) as Tensor;
      expect(processor.batch_decode(ids, { skip_special_tokens: false })[0]).toBe(expectedCaptionText(patches));
      // decoder start + <s> + 11 words + '.' + </s>: the longest caption.
      expect(ids.dims).toEqual([1, 15]);
      // By default transformers.js forces <s> first, as for the real Florence-2 (generation_config.json).
      expect(model.generation_config).toMatchObject({ decoder_start_token_id: 2, forced_bos_token_id: 0 });
    });

    it('streams the tokens one by one through a TextStreamer', async () => {
      const tokens: bigint[][] = [];
      const chunks: string[] = [];
      const streamer = new TextStreamer(processor.tokenizer as PreTrainedTokenizer, {
        skip_prompt: true,
        skip_special_tokens: false,
        callback_function: (t: string) => chunks.push(t),
        token_callback_function: (ids: bigint[]) => tokens.push(ids),
      });
      const { text } = await run(CASES[1].img, '<CAPTION>', '', streamer);
      const expected = [BOS, 'a', 'Ġphoto', 'Ġof', 'Ġsomething', 'Ġred', 'Ġand', 'Ġsomething', 'Ġblue', '.', EOS];
      expect(tokens).toEqual(expected.map((t) => [BigInt(tokenId(v, t))]));
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.join('')).toBe(text.slice(EOS.length));
      // A grounding streams its loc tokens the same way.
      tokens.length = 0;
      await run(CASES[1].img, GROUNDING_TASK, 'blue', streamer);
      const ground = [BOS, 'Ġsomething', 'Ġblue', ...[500, 0, 999, 499].map(locToken), EOS];
      expect(tokens).toEqual(ground.map((t) => [BigInt(tokenId(v, t))]));
    });
  });
});
