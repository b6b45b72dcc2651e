import { describe, expect, it } from 'vitest';
import { backendPreferenceFrom } from './backend-preference';

describe('backendPreferenceFrom', () => {
  it('reads ?backend=webgpu|wasm among other parameters', () => {
    expect(backendPreferenceFrom('?backend=webgpu')).toBe('webgpu');
    expect(backendPreferenceFrom('?x=1&backend=wasm')).toBe('wasm');
  });

  it('falls back to auto for anything else', () => {
    expect(backendPreferenceFrom('')).toBe('auto');
    expect(backendPreferenceFrom('?backend=WebGL')).toBe('auto');
    expect(backendPreferenceFrom('?backend=')).toBe('auto');
  });
});
