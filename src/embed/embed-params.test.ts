import { describe, expect, it } from 'vitest';
import { normalizeOrigin, parseEmbedParams } from './embed-params';

describe('parseEmbedParams', () => {
  it('gives the defaults for an empty query', () => {
    expect(parseEmbedParams('')).toEqual({
      mode: 'image',
      refine: true,
      style: 'detailed',
      model: null,
      theme: null,
      hostOrigin: null,
      problems: [],
    });
  });

  it('reads every parameter', () => {
    const query =
      '?mode=demo&refine=0&style=short&model=https%3A%2F%2Fhf.co%2Forg%2Fm&theme=dark&origin=https%3A%2F%2Fhost.example';
    expect(parseEmbedParams(query)).toEqual({
      mode: 'demo',
      refine: false,
      style: 'short',
      model: 'https://hf.co/org/m',
      theme: 'dark',
      hostOrigin: 'https://host.example',
      problems: [],
    });
  });

  it('falls back per parameter and says what was wrong', () => {
    const params = parseEmbedParams('?mode=video&refine=maybe&style=long&theme=blue&origin=*');
    expect(params).toMatchObject({ mode: 'image', refine: true, style: 'detailed', theme: 'light', hostOrigin: null });
    expect(params.problems).toHaveLength(5);
    expect(params.problems[0]).toBe('mode="video" is not one of camera, demo, image; using image');
    expect(params.problems.at(-1)).toMatch(/^origin="\*" is not an http\(s\) origin/);
  });

  it('takes only web model locations', () => {
    expect(parseEmbedParams('?model=org%2Fname').model).toBe('org/name');
    expect(parseEmbedParams('?model=hf%3Aorg%2Fname').model).toBe('hf:org/name');
    expect(parseEmbedParams('?model=%2Fmodels%2Fx%2F').model).toBe('/models/x/');
    for (const bad of ['data:application/json,{}', 'blob:https://a/1', 'file:///etc/', 'javascript:alert(1)']) {
      const params = parseEmbedParams(`?model=${encodeURIComponent(bad)}`);
      expect(params.model, bad).toBeNull();
      expect(params.problems, bad).toHaveLength(1);
    }
  });
});

describe('normalizeOrigin', () => {
  it('returns the form MessageEvent.origin has', () => {
    expect(normalizeOrigin('https://Example.COM')).toBe('https://example.com');
    expect(normalizeOrigin('https://example.com:443')).toBe('https://example.com');
    expect(normalizeOrigin('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
  });

  it('refuses what is not an http(s) origin', () => {
    for (const raw of [
      '*',
      'null',
      'example.com',
      'file:///tmp/x.html',
      'javascript:alert(1)',
      'https://example.com/page',
      'https://example.com?x=1',
      'https://example.com#top',
      'https://user:pw@example.com',
      'data:text/html,hi',
    ]) {
      expect(normalizeOrigin(raw), raw).toBeNull();
    }
  });
});
