import { ImagesViewPage, LiveViewPage } from './fixtures/app-views';
import { solidPng, twoToneJpeg } from './fixtures/caption-images';
import { expect, test } from './fixtures/test';

/**
 * Nothing leaves the machine: every request of a live session and an image batch (the page, its workers and
 * the service worker) goes to the app's own origin, under the Content-Security-Policy the server sends
 * (scripts/vite/app-csp.ts). Any CSP violation would log a console error, which fails the test by itself.
 */
test.describe('no data leaves', () => {
  test('a live session and an image batch request only the app origin, under a strict CSP', async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(240_000);
    const origin = new URL(baseURL!).origin;
    const requests: string[] = [];
    page.context().on('request', (request) => requests.push(request.url()));
    await page.context().addInitScript(() => {
      const w = window as unknown as { violations: string[] };
      w.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.violations.push(e.violatedDirective));
    });

    const live = new LiveViewPage(page);
    await live.open('?backend=wasm');
    let frameId = 0;
    for (let i = 0; i < 3; i++) frameId = (await live.nextFinalCaption(frameId, 120_000)).frameId;

    const images = new ImagesViewPage(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Images' }).click();
    await images.drop([
      { name: 'a.png', type: 'image/png', bytes: solidPng(300, 200, [200, 60, 60]) },
      { name: 'b.jpg', type: 'image/jpeg', bytes: twoToneJpeg(120, 90) },
    ]);
    for (const name of ['a.png', 'b.jpg']) {
      await expect(images.card(name)).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
    }

    // Requests with a network URL, all to the app's origin (blob: and data: URLs never leave the page).
    const network = requests.filter((url) => /^(https?|wss?):/.test(url));
    expect(network.length).toBeGreaterThan(5);
    expect(network.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    // The model files and ORT's runtime came from here too (not a CDN).
    expect(network.some((url) => url.includes('/models/') && url.endsWith('.onnx'))).toBe(true);
    expect(network.some((url) => url.includes('/ort/') && url.endsWith('.wasm'))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  });

  test('the policy is sent with the page and the worker scripts, and it is enforced', async ({
    page,
    browserErrors,
  }) => {
    const response = await page.goto('/?backend=wasm');
    const policy = response!.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    await page.evaluate(() => window.__glance!.runtimeSettled);
    const workerScript = await page.evaluate(
      () => performance.getEntriesByType('resource').find((e) => /captioner\.worker/.test(e.name))?.name ?? null,
    );
    expect(workerScript, 'the captioner worker script was loaded').not.toBeNull();
    const workerResponse = await page.request.get(workerScript!);
    expect(workerResponse.headers()['content-security-policy']).toBe(policy);

    // Enforced, not just sent: an injected inline script does not run, and neither does a string timer (eval).
    // (Playwright's own evaluate is exempt, so the eval is made by the page's timer, not by the test.)
    browserErrors.allow(/Content Security Policy/);
    await page.evaluate(() => {
      const w = window as unknown as { violations: string[] };
      w.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.violations.push(e.effectiveDirective));
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      (setTimeout as unknown as (code: string, ms: number) => number)('window.evaluated = true', 0);
    });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { violations: string[] }).violations.sort()))
      .toEqual(['script-src', 'script-src-elem']);
    const ran = await page.evaluate(() => {
      const w = window as unknown as { injected?: boolean; evaluated?: boolean };
      return { injected: w.injected === true, evaluated: w.evaluated === true };
    });
    expect(ran).toEqual({ injected: false, evaluated: false });
  });
});
