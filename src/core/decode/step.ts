import type { InferenceBackend, TensorRef } from '../backend';
import type { DecoderSpec } from './decoder-spec';
import { KvCache } from './kv-cache';

export const DECODER_PART = 'decoder_model_merged';
export const EMBED_PART = 'embed_tokens';

/** What one decoder call gives back for the last input position. */
export interface StepOutput {
  /** Logits of the last position, length V (empty when not read). */
  logits: Float32Array;
  /** With `reads.allLogits`: the logits of all q new positions, [q*V]; else empty. */
  allLogits: Float32Array;
  /** With `reads.allSaliency`: the saliency rows of all q new positions over all p+q positions, [q*(p+q)]. */
  allSaliency: Float32Array;
  /** Saliency row of the last position over all p+q positions (empty when not read). */
  saliencyRow: Float32Array;
  /** The extended cache (p+q positions); the caller owns one reference. */
  present: KvCache;
}

/** Which small outputs a step reads back; what is not read stays on the device and is released there. */
export interface StepReads {
  logits: boolean;
  saliency: boolean;
  /** Keep the logits of every new position (`StepOutput.allLogits`), not only the last one. */
  allLogits?: boolean;
  /** Keep the saliency rows of every new position (`StepOutput.allSaliency`). */
  allSaliency?: boolean;
}

/**
 * Runs the decoder once on `q` new positions (`embeds` [1,q,D], borrowed) after `past` (borrowed; null = empty).
 * Asks for the present KV to stay on the device; reads the logits and saliency asked for (a GPU download each,
 * so pass 2 skips the saliency and the prefix step both); releases everything else it made or received.
 */
export async function runDecoderStep(
  backend: InferenceBackend,
  spec: DecoderSpec,
  embeds: TensorRef,
  past: KvCache | null,
  reads: StepReads = { logits: true, saliency: true },
): Promise<StepOutput> {
  const q = embeds.dims[1];
  const p = past?.length ?? 0;
  const owned: TensorRef[] = [];
  const feeds: Record<string, TensorRef> = { inputs_embeds: embeds };
  try {
    const mask = backend.create('int64', new BigInt64Array(p + q).fill(1n), [1, p + q]);
    owned.push(mask);
    feeds.attention_mask = mask;
    if (past) {
      for (const name of spec.pastNames) feeds[name] = past.tensors[name];
    } else {
      for (const name of spec.pastNames) {
        const empty = backend.create('float32', new Float32Array(0), [1, spec.numHeads, 0, spec.headDim]);
        owned.push(empty);
        feeds[name] = empty;
      }
    }
    const unread = [
      ...(reads.logits || reads.allLogits ? [] : ['logits']),
      ...(reads.saliency || reads.allSaliency ? [] : ['saliency']),
    ];
    const outputs = await backend.run(DECODER_PART, feeds, [...spec.presentNames, ...unread]);
    owned.push(...Object.values(outputs));
    const V = spec.vocabSize;
    const logitsData = reads.logits || reads.allLogits ? await backend.read(outputs.logits) : new Float32Array(0);
    const logits = reads.logits ? logitsData.slice((q - 1) * V, q * V) : new Float32Array(0);
    const allLogits = reads.allLogits ? logitsData.slice(0, q * V) : new Float32Array(0);
    const saliencyData =
      reads.saliency || reads.allSaliency ? await backend.read(outputs.saliency) : new Float32Array(0);
    const saliencyRow = reads.saliency ? saliencyData.slice((q - 1) * (p + q), q * (p + q)) : new Float32Array(0);
    const allSaliency = reads.allSaliency ? saliencyData.slice(0, q * (p + q)) : new Float32Array(0);

    const presentTensors: Record<string, TensorRef> = {};
    spec.presentNames.forEach((name, i) => {
      presentTensors[spec.pastNames[i]] = outputs[name];
      owned.splice(owned.indexOf(outputs[name]), 1); // handed to the KvCache
    });
    return { logits, allLogits, saliencyRow, allSaliency, present: new KvCache(backend, presentTensors, p + q) };
  } finally {
    for (const tensor of owned) backend.release(tensor);
  }
}

/** Embeds token ids ([1,L]) and reads the embeddings to the host ([L*D]). */
export async function embedToHost(backend: InferenceBackend, ids: readonly number[]): Promise<Float32Array> {
  const input = backend.create(
    'int64',
    BigInt64Array.from(ids, (id) => BigInt(id)),
    [1, ids.length],
  );
  let outputs: Record<string, TensorRef> = {};
  try {
    outputs = await backend.run(EMBED_PART, { input_ids: input });
    return await backend.read(outputs.inputs_embeds);
  } finally {
    backend.release(input);
    for (const tensor of Object.values(outputs)) backend.release(tensor);
  }
}

/** Embeds token ids ([1,L]) and leaves the embeddings on the device, for feeding straight to the decoder. */
export async function embedOnDevice(backend: InferenceBackend, ids: readonly number[]): Promise<TensorRef> {
  const input = backend.create(
    'int64',
    BigInt64Array.from(ids, (id) => BigInt(id)),
    [1, ids.length],
  );
  try {
    const outputs = await backend.run(EMBED_PART, { input_ids: input }, ['inputs_embeds']);
    for (const [name, tensor] of Object.entries(outputs)) if (name !== 'inputs_embeds') backend.release(tensor);
    return outputs.inputs_embeds;
  } finally {
    backend.release(input);
  }
}
