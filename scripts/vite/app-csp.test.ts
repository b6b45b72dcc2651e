import type { Connect } from 'vite';
import { describe, expect, it } from 'vitest';
import { appCsp, appCspPlugin } from './app-csp';

/** The policy's directives as name -> sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('appCsp', () => {
  it('allows no inline script, no eval but WebAssembly, no plugins, no framing, no <base>', () => {
    const policy = directives(appCsp({ dev: false }));
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(appCsp({ dev: false })).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    expect([...policy.values()].flat()).not.toContain('*');
  });

  it('relaxes inline script and style for the dev server only', () => {
    const dev = directives(appCsp({ dev: true }));
    expect(dev.get('script-src')).toContain("'unsafe-inline'");
    expect(dev.get('style-src')).toContain("'unsafe-inline'");
  });

  it('takes the connect sources it is given', () => {
    expect(directives(appCsp({ dev: false, connectSrc: "'self'" })).get('connect-src')).toEqual(["'self'"]);
  });
});

describe('appCspPlugin', () => {
  it('sets the policy on every preview response but the embed page and the host script', () => {
    const plugin = appCspPlugin();
    (plugin.configResolved as (c: { base: string }) => void)({ base: '/' });
    let middleware: Connect.NextHandleFunction | null = null;
    (plugin.configurePreviewServer as (s: unknown) => void)({
      middlewares: { use: (m: Connect.NextHandleFunction) => (middleware = m) },
    });
    const headerFor = (url: string) => {
      const headers: Record<string, string> = {};
      const res = { setHeader: (name: string, value: string) => (headers[name] = value) };
      let nextCalled = false;
      middleware!({ url } as Connect.IncomingMessage, res as never, () => (nextCalled = true));
      expect(nextCalled).toBe(true);
      return headers['Content-Security-Policy'];
    };
    expect(headerFor('/?backend=wasm')).toBe(appCsp({ dev: false }));
    expect(headerFor('/assets/captioner.worker-abc.js')).toBe(appCsp({ dev: false }));
    expect(headerFor('/sw.js')).toBe(appCsp({ dev: false }));
    expect(headerFor('/embed.html?mode=demo')).toBeUndefined();
    expect(headerFor('/embed/glance-embed.js')).toBeUndefined();
  });
});
