/**
 * The real-world model ('glance-detect') natively: src/node/load-engine.ts on onnxruntime-node, the frames
 * already decoded to RGBA before the clock starts. A 640x480 frame is under the model's frame_max_side, so it
 * reaches the engine whole, as the worker hands it on (the worker's draw of the bitmap to pixels, its
 * `prepareMs`, has no native counterpart: fitMs is 0 here).
 */
import type { CaptionSample } from '../../src/bench/bench-types';
import { fitGeometry } from '../../src/core/image/fit';
import { loadNodeEngine } from '../../src/node/load-engine';
import { captionOptionsOf, toSample, type CaseSpec } from './caption-cases';
import type { CaptionRunner } from './interleave';
import type { RealFrame } from './real-frames';

export async function nativeRealRunner(bundle: string, frames: RealFrame[], threads: number): Promise<CaptionRunner> {
  const node = await loadNodeEngine(bundle, { runtime: 'node', threads });
  const need = node.engine.frameNeed;
  if (need.kind !== 'frame') throw new Error(`${bundle} is not a real-world ('glance-detect') bundle`);
  const inputs = frames.map(({ image }) => {
    if (Math.max(image.width, image.height) > need.maxSide || image.channels !== 4) {
      throw new Error(`bench frames must be RGBA within ${need.maxSide} px`);
    }
    return {
      pixels: image.data,
      width: image.width,
      height: image.height,
      geometry: fitGeometry(image.width, image.height, need.glanceSize, 'letterbox'),
    };
  });
  await node.engine.warmUp();
  return {
    runtime: 'native',
    threads,
    async caption(index: number, spec: CaseSpec): Promise<CaptionSample> {
      const result = await node.engine.caption(inputs[index], captionOptionsOf(spec));
      return { ...toSample(result), image: index, fitMs: 0 };
    },
    dispose: () => node.dispose(),
  };
}
