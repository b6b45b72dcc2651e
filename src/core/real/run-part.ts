import type { InferenceBackend } from '../backend';

/**
 * Runs one single-input part on NHWC float data and reads the named outputs back (all tensors released).
 * The person parts (pose, face, expression) all take one `image` input (docs/model-conversion.md).
 */
export async function runImagePart(
  backend: InferenceBackend,
  part: string,
  data: Float32Array,
  dims: readonly number[],
  outputs: readonly string[],
): Promise<Float32Array[]> {
  const feed = backend.create('float32', data, dims);
  try {
    const out = await backend.run(part, { image: feed });
    try {
      return await Promise.all(outputs.map((name) => backend.read(out[name])));
    } finally {
      for (const t of Object.values(out)) backend.release(t);
    }
  } finally {
    backend.release(feed);
  }
}
