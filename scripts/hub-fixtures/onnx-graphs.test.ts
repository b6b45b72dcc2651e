import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EOT, ENCODER_SEQ, HEAD_DIM, IMAGE_SIZE, N_EMBD, N_HEAD, N_LAYER } from './design';
import { hubFixtureFiles } from './fixture-files';
import { buildVocab } from './tokenizer';

/** The graphs on their own, through onnxruntime-node: shapes, cache growth, and the designed logits. */

const v = buildVocab();
const id = (token: string) => v.vocab.get(token) as number;

function argmaxLast(logits: ort.Tensor): number {
  const [, s, V] = logits.dims;
  const data = logits.data as Float32Array;
  const row = data.subarray((s - 1) * V, s * V);
  let best = 0;
  for (let i = 1; i < V; i++) if (row[i] > row[best]) best = i;
  return best;
}

/** Pixels already normalized to [-1, 1], one colour everywhere. */
function flatImage(rgb: [number, number, number]): ort.Tensor {
  const n = IMAGE_SIZE * IMAGE_SIZE;
  const data = new Float32Array(3 * n);
  for (let c = 0; c < 3; c++) data.fill(rgb[c], c * n, (c + 1) * n);
  return new ort.Tensor('float32', data, [1, 3, IMAGE_SIZE, IMAGE_SIZE]);
}

function emptyPast(): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (let i = 0; i < N_LAYER; i++) {
    for (const kind of ['key', 'value']) {
      feeds[`past_key_values.${i}.${kind}`] = new ort.Tensor('float32', new Float32Array(0), [1, N_HEAD, 0, HEAD_DIM]);
    }
  }
  return feeds;
}

describe.each(['', '_fp16', '_quantized'])('onnx graphs%s', (suffix) => {
  let encoder: ort.InferenceSession;
  let decoder: ort.InferenceSession;
  beforeAll(async () => {
    const files = await hubFixtureFiles();
    encoder = await ort.InferenceSession.create(files.get(`onnx/encoder_model${suffix}.onnx`)!);
    decoder = await ort.InferenceSession.create(files.get(`onnx/decoder_model_merged${suffix}.onnx`)!);
  });
  afterAll(async () => {
    await encoder.release();
    await decoder.release();
  });

  it('declares the cache inputs transformers.js sizes from metadata (fixed heads and head dim)', () => {
    const past = decoder.inputMetadata.find((m) => m.name === 'past_key_values.0.key');
    expect(past && past.isTensor && past.shape).toEqual(['batch_size', N_HEAD, 'past_sequence_length', HEAD_DIM]);
    // transformers.js builds the first empty pasts with this type and feeds pixel_values as float32 for every dtype.
    for (const meta of [...encoder.inputMetadata, ...decoder.inputMetadata]) {
      if (meta.name !== 'input_ids') expect(meta.isTensor && meta.type, meta.name).toBe('float32');
    }
    expect(decoder.inputNames).not.toContain('use_cache_branch');
    expect(decoder.outputNames).toEqual([
      'logits',
      ...Array.from({ length: N_LAYER }, (_, i) => [`present.${i}.key`, `present.${i}.value`]).flat(),
    ]);
  });

  it('encodes patch mean colours plus their mean as the leading token', async () => {
    const { last_hidden_state: h } = await encoder.run({ pixel_values: flatImage([0.5, -1, 0.25]) });
    expect(h.dims).toEqual([1, ENCODER_SEQ, N_EMBD]);
    const first = Array.from((h.data as Float32Array).subarray(0, 3));
    first.forEach((x, i) => expect(x).toBeCloseTo([0.5, -1, 0.25][i], 2));
  });

  it('walks the chain, grows the cache by one step each call, and names the dominant colour', async () => {
    const { last_hidden_state: enc } = await encoder.run({ pixel_values: flatImage([-0.8, 0.9, -0.2]) });
    let past = emptyPast();
    let token = id(EOT);
    const produced: number[] = [];
    for (let step = 1; step <= 7; step++) {
      const out = await decoder.run({
        input_ids: new ort.Tensor('int64', BigInt64Array.of(BigInt(token)), [1, 1]),
        encoder_hidden_states: enc,
        ...past,
      });
      const next: Record<string, ort.Tensor> = {};
      for (let i = 0; i < N_LAYER; i++) {
        for (const kind of ['key', 'value']) {
          const present = out[`present.${i}.${kind}`];
          expect(present.dims).toEqual([1, N_HEAD, step, HEAD_DIM]);
          // The earlier steps are carried over unchanged, per head: present = concat(past, new step) on axis 2.
          const old = past[`past_key_values.${i}.${kind}`].data as Float32Array;
          const now = present.data as Float32Array;
          const oldPerHead = (step - 1) * HEAD_DIM;
          for (let h = 0; h < N_HEAD; h++) {
            const kept = now.subarray(h * step * HEAD_DIM, h * step * HEAD_DIM + oldPerHead);
            expect(Array.from(kept)).toEqual(Array.from(old.subarray(h * oldPerHead, (h + 1) * oldPerHead)));
          }
          next[`past_key_values.${i}.${kind}`] = present;
        }
      }
      past = next;
      token = argmaxLast(out.logits);
      produced.push(token);
    }
    expect(produced).toEqual(['a', 'Ġphoto', 'Ġof', 'Ġsomething', 'Ġgreen', '.', EOT].map(id));
  });
});
