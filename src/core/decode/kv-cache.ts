import type { InferenceBackend, TensorRef } from '../backend';

/**
 * A decoder KV cache: the `past_key_values.*` tensors for `length` positions, reference-counted because beam
 * search lets several hypotheses extend the same cache and the two passes share the image prefix. Whoever
 * calls `retain` (or creates it: one reference) calls `release` once; the tensors go when the count hits 0.
 */
export class KvCache {
  private refs = 1;

  constructor(
    private readonly backend: InferenceBackend,
    /** Tensors by their decoder input name (`past_key_values.{i}.key` / `.value`). */
    readonly tensors: Readonly<Record<string, TensorRef>>,
    /** Positions covered (p). */
    readonly length: number,
  ) {}

  get released(): boolean {
    return this.refs === 0;
  }

  retain(): this {
    if (this.refs === 0) throw new Error('KvCache: retain after release');
    this.refs++;
    return this;
  }

  release(): void {
    if (this.refs === 0) return;
    if (--this.refs === 0) for (const tensor of Object.values(this.tensors)) this.backend.release(tensor);
  }
}
