/**
 * What transformers.js imports as `onnxruntime-web/webgpu` and `onnxruntime-common` (vite.config.ts aliases both
 * here): the onnxruntime-web the worker already loaded (ort-env.ts: the WASM-only build on WASM, the JSEP build
 * on WebGPU), so hub models and Glance's bundles share one runtime, and the build carries no second ORT nor its
 * 14-28 MB of WebAssembly. The worker puts the runtime under ORT_FOR_TRANSFORMERS before it imports
 * transformers.js (workers/runtime/hub/transformers-model.ts); this module is evaluated with that import.
 *
 * Not `Symbol.for('onnxruntime')`, which transformers.js also reads: given that, it lists no devices at all
 * ("Unsupported device: wasm").
 */
import type * as Ort from 'onnxruntime-web';
import { ORT_FOR_TRANSFORMERS } from './ort-for-transformers-key';

const ort = (globalThis as Record<symbol, typeof Ort | undefined>)[ORT_FOR_TRANSFORMERS];
if (!ort) throw new Error('transformers.js was imported before the worker loaded onnxruntime-web');

export const InferenceSession = ort.InferenceSession;
export const Tensor = ort.Tensor;
export const env = ort.env;
