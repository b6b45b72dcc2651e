import { describe, expect, it } from 'vitest';
import { modelLabel } from './model-label';

describe('modelLabel', () => {
  it('labels the shipped world model with what it was trained on and its card', () => {
    expect(modelLabel('/models/glance-world-v3/')).toEqual({
      name: 'Glance world v3',
      trainedOn: 'trained on the Glance scene world (synthetic shapes)',
      cardUrl: '/models/glance-world-v3/README.md',
    });
    expect(modelLabel('/base/models/glance-world-v3').cardUrl).toBe('/base/models/glance-world-v3/README.md');
  });

  it('names custom bundles by their URL', () => {
    expect(modelLabel('https://example.org/m/other/')).toEqual({
      name: 'other',
      trainedOn: 'a custom model from https://example.org/m/other/',
      cardUrl: 'https://example.org/m/other/README.md',
    });
  });

  it('names hub repos by their id, with the host they come from', () => {
    expect(modelLabel('https://huggingface.co/Xenova/vit-gpt2-image-captioning/resolve/main/')).toEqual({
      name: 'Xenova/vit-gpt2-image-captioning',
      trainedOn: "a hub model from huggingface.co, run by transformers.js, with Glance's second look",
      cardUrl: 'https://huggingface.co/Xenova/vit-gpt2-image-captioning/resolve/main/README.md',
    });
    expect(modelLabel('http://127.0.0.1:4180/glance-test/vit-gpt2-tiny/resolve/main/').name).toBe(
      'glance-test/vit-gpt2-tiny',
    );
  });
});
