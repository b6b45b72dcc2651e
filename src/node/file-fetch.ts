import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FetchLike } from '../core/bundle/fetch-file';

/**
 * A `fetch` for the bundle loader that reads file:// URLs from disk (Node's fetch cannot), answering 404 for a
 * missing file, and passes any other URL to the global fetch. So Node loads bundles through the same loader,
 * validation and errors as the browser.
 */
export const fileFetch: FetchLike = async (url, init) => {
  if (!url.startsWith('file:')) return fetch(url, init);
  try {
    const bytes = await readFile(fileURLToPath(url));
    return new Response(bytes, { status: 200, headers: { 'content-length': String(bytes.byteLength) } });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return new Response(null, { status: 404, statusText: 'Not Found' });
    throw error;
  }
};
