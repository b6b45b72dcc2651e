/**
 * Reading a file's first bytes ("magic numbers"), for the checks that tell an image, a video or anything else
 * apart before a decoder sees the file (src/app/images/file-checks.ts, src/capture/video-file/video-file-checks.ts).
 */

/** The bytes of an ASCII signature such as 'ftyp' or 'RIFF'. */
export const asciiBytes = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** Whether `bytes` holds `prefix` at offset `at`. */
export const bytesAt = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
