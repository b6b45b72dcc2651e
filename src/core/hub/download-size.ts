import type { HubDtype } from './hub-dtype';

/** Above this, a hub model's download waits for the user's yes: 500 MB as the app shows sizes (formatBytes). */
export const LARGE_DOWNLOAD_BYTES = 500 * 1024 * 1024;

const SUFFIX: Record<HubDtype, string> = { fp32: '', fp16: '_fp16', q8: '_quantized' };

/** The ONNX files a vision encoder-decoder loads for `dtype`, in transformers.js's naming. */
export function encoderDecoderFiles(dtype: HubDtype): string[] {
  return [`onnx/encoder_model${SUFFIX[dtype]}.onnx`, `onnx/decoder_model_merged${SUFFIX[dtype]}.onnx`];
}

/** True when downloading `bytes` needs the user's consent first. */
export function isLargeDownload(bytes: number): boolean {
  return bytes > LARGE_DOWNLOAD_BYTES;
}
