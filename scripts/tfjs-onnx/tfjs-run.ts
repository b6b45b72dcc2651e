import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** The reference: the original TF.js graph model on TF.js's pure-JS CPU backend (no native addon). */

let ready: Promise<void> | undefined;

export function tfReady(): Promise<void> {
  ready ??= tf.setBackend('cpu').then(() => tf.ready());
  return ready;
}

export async function loadTfjs(jsonPath: string): Promise<tf.GraphModel> {
  await tfReady();
  const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
  const specs = json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights);
  const shards = json.weightsManifest.flatMap((g: { paths: string[] }) =>
    g.paths.map((p) => readFileSync(join(dirname(jsonPath), p))),
  );
  const buf = Buffer.concat(shards);
  const weightData = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  return tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: specs,
      weightData,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      signature: json.signature,
      userDefinedMetadata: json.userDefinedMetadata,
    }),
  );
}

export interface Arr {
  dims: number[];
  data: Float32Array | Int32Array;
}

/** Runs `outputs` (TF tensor names) on one input; returns plain arrays. */
export async function runTfjs(
  model: tf.GraphModel,
  input: Arr,
  dtype: 'float32' | 'int32',
  outputs: string[],
): Promise<Arr[]> {
  const x = tf.tensor(dtype === 'int32' ? Int32Array.from(input.data, Math.round) : input.data, input.dims, dtype);
  const res = (await model.executeAsync(x, outputs)) as tf.Tensor | tf.Tensor[];
  const list = Array.isArray(res) ? res : [res];
  const out: Arr[] = [];
  for (const t of list) out.push({ dims: t.shape, data: (await t.data()) as Float32Array | Int32Array });
  tf.dispose([x, ...list]);
  return out;
}
