import { describe, expect, it } from 'vitest';
import { DEFAULT_BUNDLE_URL, WORLD_BUNDLE_URL, modelFromQuery } from './shipped-models';

describe('modelFromQuery', () => {
  it('maps the shipped short names and passes URLs through', () => {
    expect(modelFromQuery('?model=real')).toBe(DEFAULT_BUNDLE_URL);
    expect(modelFromQuery('?backend=wasm&model=world')).toBe(WORLD_BUNDLE_URL);
    expect(modelFromQuery('?model=https%3A%2F%2Fexample.org%2Fm%2F')).toBe('https://example.org/m/');
  });

  it('is null when the page names no model', () => {
    expect(modelFromQuery('')).toBeNull();
    expect(modelFromQuery('?model=')).toBeNull();
    expect(modelFromQuery('?backend=wasm')).toBeNull();
  });
});
