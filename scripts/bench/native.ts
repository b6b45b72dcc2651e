/**
 * The native baseline: the same bundle, inputs and src/core engine on onnxruntime-node. Files are decoded
 * before the clock starts (the browser gets decoded ImageBitmaps too); fitting to the square is timed as part
 * of preprocess, as the worker times it, and apart (`fitMs`).
 */
import type { CaptionSample } from '../../src/bench/bench-types';
import { decodeImage } from '../../src/node/decode-image';
import { loadNodeCaptioner } from '../../src/node/load-captioner';
import { fitToSquare } from '../../src/core/image/resize';
import { captionOptionsOf, toSample, type CaseSpec } from './caption-cases';
import type { CaptionRunner } from './interleave';

export async function nativeRunner(
  bundle: string,
  images: { name: string; bytes: Uint8Array }[],
  threads: number,
): Promise<CaptionRunner> {
  const node = await loadNodeCaptioner(bundle, { runtime: 'node', threads });
  const { image } = node.config;
  const decoded = images.map(({ name, bytes }) => decodeImage(bytes, name));
  return {
    runtime: 'native',
    threads,
    async caption(index: number, spec: CaseSpec): Promise<CaptionSample> {
      const started = performance.now();
      const fitted = fitToSquare(decoded[index], image.size, image.fit, image.letterbox_value);
      const fitMs = performance.now() - started;
      const result = await node.captioner.caption(
        { pixels: fitted.pixels, geometry: fitted.geometry },
        captionOptionsOf(spec),
      );
      return { ...toSample(result, fitMs), image: index, fitMs };
    },
    dispose: () => node.dispose(),
  };
}
