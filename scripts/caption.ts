/**
 * Captions image files with a bundle, through the same src/core engine as the app (onnxruntime-node on the CPU,
 * or onnxruntime-web's WASM with --runtime wasm).
 *
 *   npm run caption -- [--model real|world|NAME|FOLDER|URL] [--json] img.png [more.jpg ...]
 *   --model: a shipped bundle's short name ('real', the default, or 'world'), its folder name under
 *            public/models, a bundle folder or a URL
 *   --json:  one JSON array: per file, the coarse and refined caption, the regions, the objects each caption
 *            names (models that know their boxes: the real-world one) and the timings
 *   options: --style short|detailed  --no-refine  --k N  --beams N  --max-new-tokens N
 *            --fit center-crop|letterbox  --runtime node|wasm  --threads N  --no-cache
 */
import { parseCli } from './cli';
import type { CaptionStyle, FitMode } from '../src/core/bundle/config';
import { join } from 'node:path';
import type { CaptionResult } from '../src/core/caption-types';
import { type NodeRuntime, captionFiles } from '../src/node/load-captioner';
import { DEFAULT_MODEL, resolveModelArg } from '../src/node/model-names';

const { values, positionals } = parseCli(import.meta.url, {
  allowPositionals: true,
  options: {
    model: { type: 'string', default: DEFAULT_MODEL },
    style: { type: 'string', default: 'detailed' },
    'no-refine': { type: 'boolean', default: false },
    k: { type: 'string' },
    beams: { type: 'string', default: '1' },
    'max-new-tokens': { type: 'string' },
    fit: { type: 'string' },
    runtime: { type: 'string', default: 'node' },
    threads: { type: 'string', default: '1' },
    'no-cache': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

function choice<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new Error(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}

async function main(): Promise<void> {
  if (positionals.length === 0) throw new Error('give at least one image file (PNG or JPEG)');
  const model = resolveModelArg(values.model!, join(import.meta.dirname, '..', 'public', 'models'));
  const results = await captionFiles(model, positionals, {
    style: choice<CaptionStyle>('style', values.style, ['short', 'detailed']),
    refine: !values['no-refine'],
    k: integer('k', values.k),
    numBeams: integer('beams', values.beams),
    maxNewTokens: integer('max-new-tokens', values['max-new-tokens']),
    fit: choice<FitMode>('fit', values.fit, ['center-crop', 'letterbox']),
    runtime: choice<NodeRuntime>('runtime', values.runtime, ['node', 'wasm']),
    threads: integer('threads', values.threads),
    useCache: !values['no-cache'],
    onResult: ({ file, result }) => {
      if (values.json) return;
      const t = result.timings;
      console.log(file);
      console.log(`  coarse : ${result.coarse.text}`);
      if (result.refined) console.log(`  refined: ${result.refined.text}`);
      const boxes = result.regions.map(
        (r) => `(${r.x.toFixed(0)},${r.y.toFixed(0)} ${r.w.toFixed(0)}x${r.h.toFixed(0)})`,
      );
      console.log(`  regions: ${boxes.join(' ')}`);
      console.log(
        `  ms     : total ${t.total.toFixed(1)} = encode ${t.encode.toFixed(1)}, pass1 ${t.pass1.toFixed(1)}, ` +
          `look again ${t.lookAgain.toFixed(1)}, pass2 ${t.pass2.toFixed(1)} [${result.backend}]`,
      );
    },
  });
  if (values.json)
    console.log(
      JSON.stringify(
        results.map(({ file, result }) => summary(file, result)),
        null,
        1,
      ),
    );
}

/** What --json prints per file: both captions, the regions (frame pixels), the named objects and the timings. */
function summary(file: string, result: CaptionResult) {
  return {
    file,
    coarse: result.coarse.text,
    refined: result.refined?.text ?? null,
    regions: result.regions.map(({ x, y, w, h, score }) => ({ x, y, w, h, score })),
    // The objects each caption names, with boxes in the file's pixels, where the model knows them (real-world).
    ...(result.objects ? { objects: result.objects } : {}),
    backend: result.backend,
    timings: result.timings,
  };
}

main().catch((error: Error) => {
  console.error(`${error.name}: ${error.message}`);
  process.exit(1);
});
