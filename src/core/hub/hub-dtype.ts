/** The weight formats Glance asks transformers.js for (its `dtype` option; the file suffix follows from it). */
export type HubDtype = 'fp32' | 'fp16' | 'q8';

/**
 * The dtype for a backend: 8-bit weights on WASM (a quarter of the download, and ORT's CPU kernels run them
 * well); on WebGPU half precision only where the adapter has `shader-f16`, else full precision (WebGPU has no
 * fast 8-bit matmul in onnxruntime-web, and fp16 without shader-f16 fails at session creation).
 */
export function chooseHubDtype(backend: string, hasShaderF16: boolean): HubDtype {
  if (backend === 'webgpu') return hasShaderF16 ? 'fp16' : 'fp32';
  return 'q8';
}
