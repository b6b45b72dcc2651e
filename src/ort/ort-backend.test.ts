import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import type { InferenceSession } from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIM, FIXTURE_OUT, referenceEmbed, referenceLinear } from '../../scripts/fixture/fixture-spec';
import { OrtBackend, type TensorConstructor } from './ort-backend';

// The same OrtBackend the worker uses, over onnxruntime-node sessions of the committed fixture bundle.
const BUNDLE = join(import.meta.dirname, '..', '..', 'public', 'models', 'fixture', 'onnx');
let backend: OrtBackend;

beforeAll(async () => {
  const sessions = new Map<string, InferenceSession>();
  for (const part of ['embed_tokens', 'linear']) {
    const bytes = readFileSync(join(BUNDLE, `${part}.onnx`));
    sessions.set(part, (await ortNode.InferenceSession.create(bytes)) as unknown as InferenceSession);
  }
  backend = new OrtBackend('cpu', sessions, ortNode.Tensor as unknown as TensorConstructor);
});

afterAll(() => backend.close());

function expectClose(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 5);
}

describe('OrtBackend (onnxruntime-node)', () => {
  it('reports each part signature', () => {
    expect(backend.signature('linear')).toEqual({ inputs: ['x'], outputs: ['y'] });
    expect(backend.signature('embed_tokens')).toEqual({ inputs: ['input_ids'], outputs: ['inputs_embeds'] });
    expect(() => backend.signature('decoder')).toThrow(/no part 'decoder'/);
  });

  it('runs a part and reads float32 outputs that match the plain-JS reference', async () => {
    const x = Float32Array.from({ length: 2 * FIXTURE_DIM }, (_, i) => i - 3.5);
    const input = backend.create('float32', x, [1, 2, FIXTURE_DIM]);
    const { y } = await backend.run('linear', { x: input });
    expect(y.dims).toEqual([1, 2, FIXTURE_OUT]);
    expectClose(await backend.read(y), referenceLinear(x));
    backend.release(y);
    backend.release(input);
  });

  it('feeds one part output into another without a host round trip (the KV-cache pattern)', async () => {
    const ids = backend.create('int64', BigInt64Array.from([4n, 0n, 2n]), [1, 3]);
    const { inputs_embeds: embeds } = await backend.run('embed_tokens', { input_ids: ids }, ['inputs_embeds']);
    const { y } = await backend.run('linear', { x: embeds });
    expectClose(await backend.read(y), referenceLinear(referenceEmbed([4, 0, 2])));
    for (const t of [ids, embeds, y]) backend.release(t);
  });

  it('gives host copies: mutating a read result does not change the tensor', async () => {
    const t = backend.create('float32', Float32Array.from([1, 2, 3, 4]), [1, 1, 4]);
    const first = await backend.read(t);
    first[0] = 99;
    expect((await backend.read(t))[0]).toBe(1);
    backend.release(t);
  });

  it('counts tensors until they are released (created ones and run outputs), releases counted once', async () => {
    const before = backend.liveTensors().tensors;
    const ids = backend.create('int64', BigInt64Array.from([4n, 0n]), [1, 2]);
    const { inputs_embeds: embeds } = await backend.run('embed_tokens', { input_ids: ids });
    expect(backend.liveTensors()).toEqual({ tensors: before + 2, gpuBuffers: 0 });
    backend.release(ids);
    backend.release(ids);
    expect(backend.liveTensors().tensors).toBe(before + 1);
    backend.release(embeds);
    expect(backend.liveTensors()).toEqual({ tensors: before, gpuBuffers: 0 });
  });

  it('guards misuse: wrong sizes, int64 reads, use after release; release is idempotent', async () => {
    expect(() => backend.create('float32', new Float32Array(3), [1, 4])).toThrow(RangeError);
    const ids = backend.create('int64', BigInt64Array.from([1n]), [1, 1]);
    await expect(backend.read(ids)).rejects.toThrow(/float32/);
    expect([...((await backend.download(ids)) as BigInt64Array)]).toEqual([1n]);
    backend.release(ids);
    backend.release(ids);
    await expect(backend.run('embed_tokens', { input_ids: ids })).rejects.toThrow(/released/);
    expect(() => backend.release({ dims: [1], type: 'float32' })).toThrow(/not created by this backend/);
  });
});
