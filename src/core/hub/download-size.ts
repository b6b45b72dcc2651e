import { FAMILY_SESSIONS, type HubFamily } from './hub-family';
import type { HubDtype } from './hub-dtype';

/** Above this, a hub model's download waits for the user's yes: 500 MB as the app shows sizes (formatBytes). */
export const LARGE_DOWNLOAD_BYTES = 500 * 1024 * 1024;

const SUFFIX: Record<HubDtype, string> = { fp32: '', fp16: '_fp16', q8: '_quantized' };

/** The ONNX files a model of `family` loads for `dtype`, in transformers.js's naming. */
export function familyOnnxFiles(family: HubFamily, dtype: HubDtype): string[] {
  return FAMILY_SESSIONS[family].map((stem) => `onnx/${stem}${SUFFIX[dtype]}.onnx`);
}

/** True when downloading `bytes` needs the user's consent first. */
export function isLargeDownload(bytes: number): boolean {
  return bytes > LARGE_DOWNLOAD_BYTES;
}
