import type { InferenceBackend, TensorRef } from '../../core/backend';

/** Wraps a backend and counts tensors handed out (created or returned by run) minus those released. */
export function countingBackend(inner: InferenceBackend): InferenceBackend & { live(): number } {
  const live = new Set<TensorRef>();
  return {
    name: inner.name,
    live: () => live.size,
    signature: (part) => inner.signature(part),
    create: ((type: 'float32' | 'int64', data: Float32Array & BigInt64Array, dims: readonly number[]) => {
      const tensor = inner.create(type as 'float32', data, dims);
      live.add(tensor);
      return tensor;
    }) as InferenceBackend['create'],
    async run(part, feeds, keep) {
      const outputs = await inner.run(part, feeds, keep);
      for (const tensor of Object.values(outputs)) live.add(tensor);
      return outputs;
    },
    read: (tensor) => inner.read(tensor),
    release(tensor) {
      live.delete(tensor);
      inner.release(tensor);
    },
  };
}
