import type { BackendPreference } from '../../workers/runtime/select-backend';

/** Reads `?backend=webgpu|wasm` from a page's query string; anything else (or nothing) means 'auto'. */
export function backendPreferenceFrom(search: string): BackendPreference {
  const value = new URLSearchParams(search).get('backend');
  return value === 'webgpu' || value === 'wasm' ? value : 'auto';
}
