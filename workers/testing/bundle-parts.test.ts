import { describe, expect, it } from 'vitest';
import { bundleLayout, partFile } from './bundle-parts';

describe('bundleLayout', () => {
  it('gives a captioner bundle the four parts of docs/model-format.md', () => {
    expect(bundleLayout({ model_type: 'glance-mmser', parts: ['ignored'] })).toEqual({
      modelType: 'glance-mmser',
      parts: ['vision_encoder', 'embed_tokens', 'connector', 'decoder_model_merged'],
    });
  });

  it('takes the listed parts of any other bundle', () => {
    expect(bundleLayout({ model_type: 'glance-fixture', parts: ['embed_tokens', 'linear'] }).parts).toEqual([
      'embed_tokens',
      'linear',
    ]);
  });

  it('refuses configs it cannot map to files, with a ModelLoadError', () => {
    for (const bad of [
      null,
      [],
      {},
      { model_type: 'x' },
      { model_type: 'x', parts: [] },
      { model_type: 'x', parts: ['../up'] },
    ]) {
      expect(() => bundleLayout(bad), JSON.stringify(bad)).toThrow(expect.objectContaining({ name: 'ModelLoadError' }));
    }
  });

  it('puts parts under onnx/', () => {
    expect(partFile('linear')).toBe('onnx/linear.onnx');
  });
});
