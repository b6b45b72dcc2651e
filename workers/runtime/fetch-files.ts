import type { LoadProgress } from './wire';
import { ModelLoadError, messageOf } from './errors';

/** Fetches files (in parallel), reporting summed byte progress; throws ModelLoadError naming the failing URL. */
export async function fetchFiles(
  baseUrl: string,
  files: readonly string[],
  onProgress: (progress: LoadProgress) => void,
): Promise<Map<string, Uint8Array>> {
  const responses = await Promise.all(files.map((file) => fetchOk(new URL(file, baseUrl).href)));
  const sizes = responses.map((r) => Number(r.headers.get('Content-Length') ?? NaN));
  const totalBytes = sizes.every(Number.isFinite) ? sizes.reduce((a, b) => a + b, 0) : null;
  const loaded = files.map(() => 0);
  const report = (file: string) =>
    onProgress({ phase: 'download', file, loadedBytes: loaded.reduce((a, b) => a + b, 0), totalBytes });

  const bodies = await Promise.all(
    responses.map((response, i) =>
      readBody(response, files[i], (bytes) => {
        loaded[i] = bytes;
        report(files[i]);
      }),
    ),
  );
  return new Map(files.map((file, i) => [file, bodies[i]]));
}

async function fetchOk(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new ModelLoadError(`could not fetch ${url}: ${messageOf(error)}`, { cause: error });
  }
  if (!response.ok) throw new ModelLoadError(`could not fetch ${url}: HTTP ${response.status}`);
  return response;
}

async function readBody(response: Response, file: string, onBytes: (bytes: number) => void): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onBytes(received);
    }
  } catch (error) {
    throw new ModelLoadError(`download of ${file} broke off after ${received} bytes: ${messageOf(error)}`, {
      cause: error,
    });
  }
  const body = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}
