import { describe, expect, it } from 'vitest';
import { validateConfig } from './validate-config';

/** The example of docs/model-format.md, as a fresh object per test. */
function docExample(): Record<string, any> {
  return {
    model_type: 'glance-mmser',
    format_version: 1,
    image: {
      size: 256,
      global_size: 64,
      fit: 'center-crop',
      letterbox_value: 0,
      mean: [0.5, 0.5, 0.5],
      std: [0.5, 0.5, 0.5],
    },
    vision: {
      patch_size: 8,
      grid: 8,
      hidden_size: 128,
      num_layers: 4,
      feature_layers: [2, 4],
      region_feature_size: 256,
    },
    decoder: { hidden_size: 128, num_layers: 4, num_heads: 4, head_dim: 32, vocab_size: 70, max_positions: 320 },
    regions: { k: 6, window: 64, nms_radius: 1, tokens_per_region: 4 },
    saliency: { layer: 3, heads: [0], content_token_ids: [10, 11, 12] },
    tokens: { pad: 0, bos: 1, eos: 2, unk: 3, short: 4, detailed: 5, refine: 6 },
    generation: { max_new_tokens: { short: 24, detailed: 80 } },
    training: { seed: 1 },
  };
}

function errorOf(json: unknown): Error {
  try {
    validateConfig(json);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected validateConfig to throw');
}

describe('validateConfig', () => {
  it('accepts the documented example and expands a single letterbox value to RGB', () => {
    const config = validateConfig(docExample());
    expect(config.image.letterbox_value).toEqual([0, 0, 0]);
    expect(config.decoder.head_dim).toBe(32);
    expect(config.training).toEqual({ seed: 1 });
  });

  it('names the file and the missing field', () => {
    const json = docExample();
    delete json.decoder.num_heads;
    const error = errorOf(json);
    expect(error.name).toBe('ModelFormatError');
    expect(error.message).toBe('config.json: decoder.num_heads is missing');
  });

  it('names a missing section', () => {
    const json = docExample();
    delete json.regions;
    expect(errorOf(json).message).toBe('config.json: regions is missing');
  });

  it('rejects a wrong type with the value it got', () => {
    const json = docExample();
    json.decoder.head_dim = '32';
    expect(errorOf(json).message).toBe('config.json: decoder.head_dim must be an integer, got "32"');
  });

  it('rejects head_dim * num_heads != hidden_size', () => {
    const json = docExample();
    json.decoder.head_dim = 16;
    expect(errorOf(json).message).toMatch(/decoder\.head_dim .*\(16 \* 4\) != hidden_size \(128\)/);
  });

  it('rejects a size not divisible by global_size', () => {
    const json = docExample();
    json.image.size = 250;
    expect(errorOf(json).message).toMatch(/image\.size \(250\) must be a multiple of image\.global_size \(64\)/);
  });

  it('rejects a grid that does not tile the global view', () => {
    const json = docExample();
    json.vision.grid = 7;
    expect(errorOf(json).message).toMatch(/^config\.json: vision\.grid/);
  });

  it('rejects a region window different from the global view', () => {
    const json = docExample();
    json.regions.window = 32;
    expect(errorOf(json).message).toMatch(/regions\.window \(32\) must equal image\.global_size/);
  });

  it('rejects token ids outside the vocabulary', () => {
    const json = docExample();
    json.tokens.refine = 70;
    expect(errorOf(json).message).toMatch(/tokens\.refine \(70\) must be < decoder\.vocab_size \(70\)/);
    const json2 = docExample();
    json2.saliency.content_token_ids = [3, 99];
    expect(errorOf(json2).message).toMatch(/saliency\.content_token_ids has id 99/);
  });

  it('rejects a saliency layer or head the decoder lacks', () => {
    const json = docExample();
    json.saliency.layer = 4;
    expect(errorOf(json).message).toMatch(/saliency\.layer \(4\) must be < decoder\.num_layers/);
    const json2 = docExample();
    json2.saliency.heads = [4];
    expect(errorOf(json2).message).toMatch(/saliency\.heads has head 4/);
  });

  it('rejects an unknown fit mode, bad normalisation and other versions', () => {
    const json = docExample();
    json.image.fit = 'stretch';
    expect(errorOf(json).message).toMatch(/image\.fit must be one of center-crop, letterbox/);
    const json2 = docExample();
    json2.image.std = [0.5, 0, 0.5];
    expect(errorOf(json2).message).toMatch(/image\.std must be > 0/);
    const json3 = docExample();
    json3.image.mean = [0.5, 0.5];
    expect(errorOf(json3).message).toMatch(/image\.mean must have 3 numbers, got 2/);
    const json4 = docExample();
    json4.format_version = 2;
    expect(errorOf(json4).message).toMatch(/format_version is 2/);
  });

  it('rejects a region feature size that is not the concatenated layers', () => {
    const json = docExample();
    json.vision.region_feature_size = 128;
    expect(errorOf(json).message).toMatch(/vision\.region_feature_size is 128/);
  });

  it('reads an optional look policy and rejects one out of range or with unknown tokens', () => {
    expect(validateConfig(docExample()).look).toBeUndefined();
    const withLook = docExample();
    withLook.look = { min_token_probability: 0.9, tokens: 'attributes' };
    expect(validateConfig(withLook).look).toEqual({ min_token_probability: 0.9, tokens: 'attributes' });
    for (const [look, message] of [
      [{ min_token_probability: 0, tokens: 'all' }, 'config.json: look.min_token_probability is 0; must be in (0, 1]'],
      [{ min_token_probability: 1.5, tokens: 'all' }, 'look.min_token_probability is 1.5'],
      [{ min_token_probability: 0.9, tokens: 'words' }, 'look.tokens is "words"; must be "attributes" or "all"'],
      [{ tokens: 'all' }, 'look.min_token_probability'],
    ] as const) {
      const bad = docExample();
      bad.look = look;
      expect(() => validateConfig(bad)).toThrow(message);
    }
  });

  it('rejects a non-object', () => {
    expect(errorOf([1, 2]).message).toMatch(/^config\.json: must hold a JSON object/);
    expect(errorOf({ ...docExample(), image: 5 }).message).toBe('config.json: image must be an object, got 5');
  });
});
