import { describe, expect, it } from 'vitest';
import { precacheKey, precacheList, shellCacheName } from './sw-shared';

const SCOPE = 'https://glance.example/app/';

describe('precacheKey', () => {
  it('maps navigations to the page without its query; index.html is the scope', () => {
    expect(precacheKey('https://glance.example/app/?backend=wasm#/images', true, SCOPE)).toBe(SCOPE);
    expect(precacheKey('https://glance.example/app/index.html', true, SCOPE)).toBe(SCOPE);
    expect(precacheKey('https://glance.example/app/embed.html?mode=demo&origin=x', true, SCOPE)).toBe(
      `${SCOPE}embed.html`,
    );
  });

  it('keeps the query of subresources', () => {
    expect(precacheKey(`${SCOPE}assets/a-1.js`, false, SCOPE)).toBe(`${SCOPE}assets/a-1.js`);
    expect(precacheKey(`${SCOPE}assets/a-1.js?import`, false, SCOPE)).toBe(`${SCOPE}assets/a-1.js?import`);
  });

  it('leaves other origins and paths outside the scope alone', () => {
    expect(precacheKey('https://cdn.example/app/assets/a.js', false, SCOPE)).toBeNull();
    expect(precacheKey('http://glance.example/app/assets/a.js', false, SCOPE)).toBeNull();
    expect(precacheKey('https://glance.example/other/x.js', false, SCOPE)).toBeNull();
    expect(precacheKey('not a url', false, SCOPE)).toBeNull();
  });
});

describe('precacheList', () => {
  it('keeps the shell and runtime files, not models, maps or the worker itself', () => {
    expect(
      precacheList([
        'index.html',
        'embed.html',
        'assets/index-abc.js',
        'assets/index-abc.js.map',
        'ort/ort-wasm-simd-threaded.jsep.wasm',
        'models/fixture/config.json',
        'sw.js',
        'embed/glance-embed.js',
        'assets/index-abc.js',
      ]),
    ).toEqual([
      '',
      'assets/index-abc.js',
      'embed.html',
      'embed/glance-embed.js',
      'ort/ort-wasm-simd-threaded.jsep.wasm',
    ]);
  });
});

describe('shellCacheName', () => {
  it('names a cache per build', () => {
    expect(shellCacheName('abc')).toBe('glance-shell-abc');
  });
});
