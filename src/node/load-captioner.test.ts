import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadNodeCaptioner } from './load-captioner';

const BUNDLE = join(import.meta.dirname, '__fixtures__', 'tiny-bundle');
let dir = '';

async function copyBundle(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'glance-bundle-'));
  await cp(BUNDLE, dir, { recursive: true });
  return dir;
}

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

describe('loadNodeCaptioner errors', () => {
  it('names a missing ONNX part (404 through the file fetch)', async () => {
    const copy = await copyBundle();
    await unlink(join(copy, 'onnx', 'connector.onnx'));
    await expect(loadNodeCaptioner(copy)).rejects.toMatchObject({
      name: 'ModelFetchError',
      message: expect.stringMatching(/^onnx\/connector\.onnx not found \(HTTP 404\) at file:/),
    });
  });

  it('names an ONNX file onnxruntime cannot read', async () => {
    const copy = await copyBundle();
    await writeFile(join(copy, 'onnx', 'decoder_model_merged.onnx'), 'not a model at all');
    await expect(loadNodeCaptioner(copy)).rejects.toMatchObject({
      name: 'ModelFormatError',
      message: expect.stringMatching(/^onnx\/decoder_model_merged\.onnx: onnxruntime cannot load it/),
    });
  });

  it('rejects a tokenizer whose vocabulary disagrees with the config', async () => {
    const copy = await copyBundle();
    const config = JSON.parse(await readFile(join(copy, 'config.json'), 'utf8'));
    config.decoder.vocab_size += 1;
    await writeFile(join(copy, 'config.json'), JSON.stringify(config));
    await expect(loadNodeCaptioner(copy)).rejects.toThrow(
      /^tokenizer\.json: vocabulary has \d+ tokens, but config\.json decoder\.vocab_size is \d+$/,
    );
  });

  it('reports load progress that ends at the bundle size', async () => {
    let last = { loadedBytes: 0, totalBytes: null as number | null };
    const node = await loadNodeCaptioner(BUNDLE, { onProgress: (p) => (last = p) });
    await node.dispose();
    expect(last.totalBytes).toBeGreaterThan(100_000);
    expect(last.loadedBytes).toBe(last.totalBytes);
  });
});
