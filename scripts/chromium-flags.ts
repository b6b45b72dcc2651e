/**
 * How every tool here starts Debian's Chromium (Playwright's suite, the bench, the soak): one list, so a flag
 * found necessary on these machines reaches all of them.
 */

/** Debian's Chromium (scripts/ensure-chromium.mjs installs it); Playwright's download cannot work offline. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** PLATFORM.md: without the networking flags Chromium keeps trying to reach the closed network. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** Offers WebGPU where Chromium would not by default; on a machine without a GPU that is SwiftShader. */
export const WEBGPU_ARGS: readonly string[] = ['--enable-unsafe-webgpu'];

/** Chromium's fake camera playing `y4m` (a file from `npm run world:y4m`), permission granted without a prompt. */
export function fakeCameraArgs(y4m: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${y4m}`,
  ];
}
