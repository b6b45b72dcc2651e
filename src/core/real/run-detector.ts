/**
 * One run of the CenterNet detector part on a square input, decoded into frame pixels. The ONNX contract
 * (docs/model-conversion.md): input `images` [1, S, S, 3] float 0..255 NHWC, outputs `heatmap` [1, S/4, S/4, 80]
 * and `wh` [1, S/4, S/4, 4].
 */
import type { InferenceBackend } from '../backend';
import { ModelFormatError } from '../errors';
import {
  type CenternetDecoded,
  type CenternetDecodeOptions,
  type CenternetRaw,
  decodeCenternet,
} from './centernet-decode';
import { type DetectorInput, decoderMapping } from './detector-input';

export const DETECTOR_PART = 'detector';
const INPUT = 'images';
const OUTPUTS = ['heatmap', 'wh'] as const;

/** Throws ModelFormatError when the loaded detector part does not have the contract's names. */
export function checkDetectorPart(backend: InferenceBackend): void {
  let signature: { inputs: readonly string[]; outputs: readonly string[] };
  try {
    signature = backend.signature(DETECTOR_PART);
  } catch (error) {
    throw new ModelFormatError(`onnx/${DETECTOR_PART}.onnx: not loaded (${(error as Error).message})`);
  }
  const missing = [INPUT, ...OUTPUTS].filter((n) => ![...signature.inputs, ...signature.outputs].includes(n));
  if (missing.length > 0) {
    throw new ModelFormatError(`onnx/${DETECTOR_PART}.onnx: missing ${missing.map((n) => `'${n}'`).join(', ')}`);
  }
}

/** The detector's raw outputs for one input square (NHWC, 0..255). */
export async function detectRaw(backend: InferenceBackend, size: number, data: Float32Array): Promise<CenternetRaw> {
  const feed = backend.create('float32', data, [1, size, size, 3]);
  try {
    const out = await backend.run(DETECTOR_PART, { [INPUT]: feed });
    try {
      const [heatmap, wh] = await Promise.all(OUTPUTS.map((name) => backend.read(out[name])));
      const dims = out.heatmap.dims;
      return { heatmap, wh, gridH: dims[1], gridW: dims[2] };
    } finally {
      for (const t of Object.values(out)) backend.release(t);
    }
  } finally {
    backend.release(feed);
  }
}

/** Runs the detector on one input square and decodes it (frame pixels, clipped to `frame`). */
export async function runDetector(
  backend: InferenceBackend,
  input: DetectorInput,
  frame: { width: number; height: number },
  options: Omit<CenternetDecodeOptions, 'frame'> = {},
): Promise<CenternetDecoded> {
  const raw = await detectRaw(backend, input.size, input.data);
  return decodeCenternet(raw, decoderMapping(input.toFrame), { ...options, frame });
}
