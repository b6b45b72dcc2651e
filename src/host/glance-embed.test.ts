import { describe, expect, it } from 'vitest';
import { widgetUrl } from './glance-embed';

describe('widgetUrl', () => {
  it('puts the options and the host origin in the widget URL', () => {
    const url = widgetUrl(
      {
        src: 'https://glance.example/embed.html',
        mode: 'demo',
        refine: false,
        style: 'short',
        theme: 'dark',
        model: 'org/m',
      },
      'https://host.example',
      'https://host.example/page',
    );
    expect(url.origin).toBe('https://glance.example');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      mode: 'demo',
      refine: '0',
      style: 'short',
      model: 'org/m',
      theme: 'dark',
      origin: 'https://host.example',
    });
  });

  it('resolves a relative src against the page and keeps its own parameters, overriding origin', () => {
    const url = widgetUrl(
      { src: '/glance/embed.html?backend=wasm&origin=https://evil.example' },
      'https://host.example',
      'https://host.example/a/b',
    );
    expect(url.href).toBe(
      'https://host.example/glance/embed.html?backend=wasm&origin=https%3A%2F%2Fhost.example&mode=image',
    );
  });
});
