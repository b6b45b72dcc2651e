/**
 * `npx tsx scripts/tfjs-onnx/webgpu-check.ts [PART...]` (default: hand): runs converted parts on onnxruntime-web's
 * WebGPU execution provider inside Chromium (its software adapter where there is no GPU) and compares the outputs
 * with onnxruntime-node on the same input. A kernel that fails at run time (GatherND once did, on MoveNet) shows
 * here as an error or a mismatch, without building the app (exit code 1 on either); nodes onnxruntime placed on
 * the CPU instead are listed.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, WEBGPU_ARGS } from '../chromium-flags';
import { modelsDir } from './build';
import { RECIPES } from './models';

const ORT_DIST = resolve('node_modules/onnxruntime-web/dist');
const TYPES: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
};

async function main(): Promise<void> {
  const keys = process.argv.slice(2).length ? process.argv.slice(2) : ['hand'];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.startsWith('/ort/') ? join(ORT_DIST, path.slice(5)) : join(modelsDir(), path.slice(1));
    try {
      const body = readFileSync(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'text/html',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      });
      res.end(path === '/' ? '<!doctype html><title>webgpu check</title>' : body);
    } catch {
      res.writeHead(path === '/' ? 200 : 404, { 'content-type': 'text/html' });
      res.end(path === '/' ? '<!doctype html><title>webgpu check</title>' : 'not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS] });
  let ok = true;
  try {
    const page = await browser.newPage();
    // onnxruntime places a node its EP lacks (and small shape ops, on purpose) on the CPU (WASM) and says so in a
    // warning: reported, not a failure (pose.onnx gets it for its integer keypoint decode); no warning means every
    // node ran on WebGPU.
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (/not assigned|fall ?back|error/i.test(m.text())) warnings.push(m.text().slice(0, 300));
    });
    await page.goto(`http://127.0.0.1:${port}/`);
    for (const key of keys) {
      const recipe = RECIPES.find((r) => r.key === key);
      if (!recipe) throw new Error(`no part ${key} (have ${RECIPES.map((r) => r.key).join(', ')})`);
      const dims = [1, recipe.size, recipe.size, 3];
      const n = dims.reduce((a, b) => a * b, 1);
      const input = Float32Array.from({ length: n }, (_, i) => (i * 37 + ((i * i) % 101)) % 256);
      const node = await (
        await ort.InferenceSession.create(join(modelsDir(), recipe.file))
      ).run({
        [recipe.convert.input.name]: new ort.Tensor('float32', input, dims),
      });
      const web = await page.evaluate(
        async ({ file, inputName, dims, data }) => {
          const ortWeb = await import(/* @vite-ignore */ `${location.origin}/ort/ort.webgpu.min.mjs`);
          ortWeb.env.wasm.wasmPaths = `${location.origin}/ort/`;
          ortWeb.env.wasm.numThreads = 1;
          if (!('gpu' in navigator)) return { error: 'no navigator.gpu' };
          try {
            const s = await ortWeb.InferenceSession.create(`${location.origin}/${file}`, {
              executionProviders: ['webgpu'],
              logSeverityLevel: 1,
            });
            const out = await s.run({ [inputName]: new ortWeb.Tensor('float32', Float32Array.from(data), dims) });
            return {
              outputs: Object.fromEntries(
                Object.entries(out).map(([k, t]) => [k, Array.from((t as { data: Float32Array }).data)]),
              ),
            };
          } catch (e) {
            return { error: String((e as Error).message ?? e) };
          }
        },
        { file: recipe.file, inputName: recipe.convert.input.name, dims, data: Array.from(input) },
      );
      if ('error' in web) {
        ok = false;
        console.log(`${key}: FAIL on WebGPU: ${web.error}`);
        continue;
      }
      const parts = recipe.convert.outputs.map((o) => {
        const a = node[o.name].data as Float32Array;
        const b = web.outputs![o.name];
        let m = 0;
        let r = 0;
        for (let i = 0; i < a.length; i++) {
          m = Math.max(m, Math.abs(a[i] - b[i]));
          r = Math.max(r, Math.abs(a[i]));
        }
        const rel = m / Math.max(1, r);
        if (!(rel <= 1e-3) || a.length !== b.length) ok = false;
        return `${o.name} max|diff| ${m.toExponential(2)} (relative ${rel.toExponential(1)})`;
      });
      console.log(`${key}: onnxruntime-web WebGPU vs onnxruntime-node: ${parts.join(', ')}`);
      const said = warnings.splice(0);
      console.log(`  ${said.length ? `some nodes on the CPU: ${said.join(' | ')}` : 'every node on WebGPU'}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (!ok) process.exit(1);
}

await main();
