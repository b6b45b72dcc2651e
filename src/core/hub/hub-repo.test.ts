import { describe, expect, it } from 'vitest';
import { resolveBundleUrl } from '../bundle/resolve-url';
import { ModelFormatError } from '../errors';
import { chooseHubDtype } from './hub-dtype';
import { hubFamilyOf } from './hub-family';
import { hubRepoOf } from './hub-repo';

describe('hubRepoOf', () => {
  it('reads the host, id and revision of a repo id, a repo page and a mirror URL', () => {
    expect(hubRepoOf(resolveBundleUrl('Xenova/vit-gpt2-image-captioning'))).toEqual({
      host: 'https://huggingface.co/',
      id: 'Xenova/vit-gpt2-image-captioning',
      revision: 'main',
    });
    expect(hubRepoOf(resolveBundleUrl('https://huggingface.co/org/name/tree/v1.0'))).toEqual({
      host: 'https://huggingface.co/',
      id: 'org/name',
      revision: 'v1.0',
    });
    expect(hubRepoOf(resolveBundleUrl('http://127.0.0.1:4180/mirror/org/name/resolve/main/'))).toEqual({
      host: 'http://127.0.0.1:4180/mirror/',
      id: 'org/name',
      revision: 'main',
    });
  });

  it('is null for a plain bundle folder', () => {
    expect(hubRepoOf(resolveBundleUrl('/models/glance-world-v1/', { base: 'http://x/' }))).toBeNull();
  });
});

describe('hubFamilyOf', () => {
  it('knows the three families and leaves Glance bundles to the core loader', () => {
    expect(hubFamilyOf({ model_type: 'vision-encoder-decoder' }, 'a/b')).toBe('vision-encoder-decoder');
    expect(hubFamilyOf({ model_type: 'florence2' }, 'a/b')).toBe('florence2');
    expect(hubFamilyOf({ model_type: 'idefics3' }, 'a/b')).toBe('instruction-vlm');
    expect(hubFamilyOf({ model_type: 'smolvlm' }, 'a/b')).toBe('instruction-vlm');
    expect(hubFamilyOf({ model_type: 'glance-mmser' }, 'a/b')).toBeNull();
  });

  it('names a family that is not supported yet, and a model that is no image-to-text model', () => {
    expect(() => hubFamilyOf({ model_type: 'moondream1' }, 'Xenova/moondream2')).toThrow(
      /Xenova\/moondream2 is a Moondream model \('moondream1'\); Glance runs vision encoder-decoder captioners/,
    );
    expect(() => hubFamilyOf({ model_type: 'bert' }, 'Xenova/bert-base-uncased')).toThrow(
      /'bert' model, not an image-to-text model/,
    );
    expect(() => hubFamilyOf({}, 'a/b')).toThrow(ModelFormatError);
  });
});

describe('chooseHubDtype', () => {
  it('takes q8 on WASM and fp16 on WebGPU only with shader-f16', () => {
    expect(chooseHubDtype('wasm', true)).toBe('q8');
    expect(chooseHubDtype('webgpu', true)).toBe('fp16');
    expect(chooseHubDtype('webgpu', false)).toBe('fp32');
  });
});
