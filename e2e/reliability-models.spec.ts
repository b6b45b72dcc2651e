import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReference, serveFolder, TINY_BUNDLE, TINY_FIXTURES } from './fixtures/caption-bundle';
import { TINY_URL, useTinyModel, workerInfo } from './fixtures/reliability';
import { expect, test } from './fixtures/test';

/** A broken copy of the tiny bundle: how it was broken, and what the refusal must say. */
interface BrokenBundle {
  name: string;
  breakIt: (dir: string) => void;
  error: { name: string; message: RegExp };
}

/** A bundle JSON file as far as the edits below go. */
interface BundleJson {
  decoder: { num_layers: number; hidden_size: number; num_heads: number };
  model: { vocab: Record<string, number> };
}

const rewrite = (file: string, edit: (value: BundleJson) => void) => {
  const value = JSON.parse(readFileSync(file, 'utf8')) as BundleJson;
  edit(value);
  writeFileSync(file, JSON.stringify(value));
};

const BROKEN: BrokenBundle[] = [
  {
    name: 'missing-file',
    breakIt: (dir) => rmSync(join(dir, 'onnx', 'connector.onnx')),
    error: { name: 'ModelFetchError', message: /onnx\/connector\.onnx.*404/ },
  },
  {
    // Cut on the server itself, so the download is complete and only onnxruntime can tell.
    name: 'truncated-onnx',
    breakIt: (dir) => {
      const file = join(dir, 'onnx', 'decoder_model_merged.onnx');
      const bytes = readFileSync(file);
      writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    },
    error: { name: 'ModelLoadError', message: /^decoder_model_merged: onnxruntime could not load it/ },
  },
  {
    // The graph has 2 decoder layers (2 x 2 past inputs); the config says 3.
    name: 'config-layers',
    breakIt: (dir) => rewrite(join(dir, 'config.json'), (c) => (c.decoder.num_layers = 3)),
    error: { name: 'ModelFormatError', message: /^onnx\/decoder_model_merged\.onnx: .*past_key_values\.2.*3 layers/ },
  },
  {
    // Names match, sizes do not: the graph is 16 wide, the config says 32 (4 heads of 8).
    name: 'config-width',
    breakIt: (dir) =>
      rewrite(join(dir, 'config.json'), (c) => {
        c.decoder.hidden_size = 32;
        c.decoder.num_heads = 4;
      }),
    error: {
      name: 'ModelLoadError',
      message:
        /^the warm-up caption failed; does config\.json match the ONNX files\? decoder_model_merged: .*dimensions/,
    },
  },
  {
    // One more word than config.json's decoder.vocab_size.
    name: 'tokenizer-vocab',
    breakIt: (dir) =>
      rewrite(join(dir, 'tokenizer.json'), (t) => {
        t.model.vocab.extra = Object.keys(t.model.vocab).length;
      }),
    error: { name: 'ModelFormatError', message: /^tokenizer\.json: .*39.*38|^tokenizer\.json: .*38.*39/ },
  },
];

let root: string;

test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'glance-broken-models-'));
  for (const broken of BROKEN) {
    cpSync(TINY_BUNDLE, join(root, broken.name), { recursive: true });
    broken.breakIt(join(root, broken.name));
  }
});

test.afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

test('broken bundles are refused at load, naming the file and the problem; the model in use keeps captioning', async ({
  page,
  glance,
  browserErrors,
}) => {
  test.setTimeout(240_000);
  browserErrors.allow(/Failed to load resource: the server responded with a status of 404/);
  await useTinyModel(page);
  for (const broken of BROKEN) await serveFolder(page.context(), `broken-${broken.name}`, join(root, broken.name));
  const images = await serveFolder(page.context(), 'e2e-tiny-images', join(TINY_FIXTURES, 'images'));
  expect((await glance.open('?backend=wasm')).state).toBe('ready');
  const reference = readReference(TINY_BUNDLE).find((r) => r.image === 'images/scene-1.png' && r.style === 'detailed')!;

  for (const broken of BROKEN) {
    const outcome = await page.evaluate(async (url) => {
      try {
        await window.__glance!.client.load(url);
        return { ok: true as const };
      } catch (error) {
        return { ok: false as const, name: (error as Error).name, message: (error as Error).message };
      }
    }, `/broken-${broken.name}/`);
    expect(outcome, broken.name).toMatchObject({ ok: false, ...broken.error });

    const info = await workerInfo(page);
    expect(info.bundle?.url, `${broken.name}: the previous model is still loaded`).toMatch(new RegExp(`${TINY_URL}$`));
    const tokens = await page.evaluate(async (image) => {
      const blob = await (await fetch(image)).blob();
      return (await window.__glance!.client.caption(blob, { style: 'detailed' })).refined?.tokens;
    }, `${images}scene-1.png`);
    expect(tokens, `${broken.name}: the previous model still gives the reference caption`).toEqual(
      reference.refined_ids,
    );
    expect(info.resources.liveTensors, `${broken.name}: no tensor left behind`).toBe(0);
  }
});
