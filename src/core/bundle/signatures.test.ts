import { describe, expect, it } from 'vitest';
import type { InferenceBackend } from '../backend';
import { oneHot, toyBackend, toyConfig } from '../testing/toy-model';
import { checkSignatures } from './signatures';

const config = toyConfig();

/** A backend whose signature of one part is edited. */
function withSignature(part: string, edit: (s: { inputs: string[]; outputs: string[] }) => void): InferenceBackend {
  const backend = toyBackend(config, () => oneHot(12, 2));
  const original = backend.signature.bind(backend);
  backend.signature = (name: string) => {
    const s = { inputs: [...original(name).inputs], outputs: [...original(name).outputs] };
    if (name === part) edit(s);
    return s;
  };
  return backend;
}

describe('checkSignatures', () => {
  it('accepts parts that follow the contract', () => {
    expect(() =>
      checkSignatures(
        toyBackend(config, () => oneHot(12, 2)),
        config,
      ),
    ).not.toThrow();
  });

  it('names missing past inputs of the decoder and the layer count it expected', () => {
    const backend = withSignature('decoder_model_merged', (s) => {
      s.inputs = s.inputs.filter((n) => !n.startsWith('past_key_values.1.'));
    });
    expect(() => checkSignatures(backend, config)).toThrow(
      'onnx/decoder_model_merged.onnx: missing inputs past_key_values.1.key, past_key_values.1.value (config.json says 2 layers)',
    );
  });

  it('requires the saliency output', () => {
    const backend = withSignature('decoder_model_merged', (s) => {
      s.outputs = s.outputs.filter((n) => n !== 'saliency');
    });
    expect(() => checkSignatures(backend, config)).toThrow(/missing outputs saliency/);
  });

  it('rejects inputs the engine cannot feed, tolerates extra outputs', () => {
    const extraIn = withSignature('decoder_model_merged', (s) => s.inputs.push('use_cache_branch'));
    expect(() => checkSignatures(extraIn, config)).toThrow(/unexpected inputs use_cache_branch/);
    const extraOut = withSignature('vision_encoder', (s) => s.outputs.push('hidden_states'));
    expect(() => checkSignatures(extraOut, config)).not.toThrow();
  });

  it('reports a part the backend does not have', () => {
    const backend = withSignature('connector', () => {
      throw new Error('no session');
    });
    expect(() => checkSignatures(backend, config)).toThrow(
      expect.objectContaining({ name: 'ModelFormatError', message: 'onnx/connector.onnx: not loaded (no session)' }),
    );
  });
});
