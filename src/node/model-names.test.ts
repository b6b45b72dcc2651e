import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveModelArg } from './model-names';

describe('resolveModelArg', () => {
  const dir = mkdtempSync(join(tmpdir(), 'models-'));
  for (const name of ['glance-real-v1', 'glance-world-v3']) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'config.json'), '{}');
  }

  it('maps short names and folder names to the shipped bundle folders', () => {
    expect(resolveModelArg('real', dir)).toBe(join(dir, 'glance-real-v1'));
    expect(resolveModelArg('world', dir)).toBe(join(dir, 'glance-world-v3'));
    expect(resolveModelArg('glance-world-v3', dir)).toBe(join(dir, 'glance-world-v3'));
  });

  it('leaves paths, URLs and unknown names as they are', () => {
    expect(resolveModelArg('https://example.org/m/', dir)).toBe('https://example.org/m/');
    expect(resolveModelArg('some/folder', dir)).toBe('some/folder');
    expect(resolveModelArg('nope', dir)).toBe('nope');
  });
});
