/**
 * `npm run eval`: captions a dataset with a bundle through src/core (onnxruntime-node) and reports caption
 * quality: CIDEr-D and BLEU-4 per style and pass, and on world data the object-level scores and what refinement
 * did. Writes <out>/<date>/eval.{json,md}. See docs/eval-bench.md.
 *
 *   npm run eval -- [--set all|world|real] [--model public/models/glance-world-v3]
 *                   [--splits clean,camera,crowded,empty | --data data/world/test]
 *                   [--limit 200 | --all] [--styles short,detailed] [--threads 2] [--out reports]
 *                   [--real-model public/models/glance-real-v1] [--real-split tune|report|holdout]
 *                   [--policies [--thresholds 0.5,0.9,...]] [--look TAU[:all|:attributes]]
 * `--policies` adds the "Second-look policies" table (src/eval/look-policies.ts): each threshold's share of looks,
 * refined full-object accuracy and cost ratio, composed from this run's always-look captions and stage times.
 * `--look` captions with that policy in force instead (src/core/look-policy.ts) and reports it as run.
 * The world part captions each `--splits` condition (default all four, src/eval/eval-splits.ts), each generated
 * on first use under data/world/, and reports the clean split's full tables plus a row per condition and its
 * targets; `--data` captions that one folder instead.
 * `--set real` (or all, the default) also scores the real-world captioner on the hand-labelled photos
 * (scripts/eval-real.ts).
 *
 *   npm run eval -- --set world --captions <file> [--data <split>] [--json <file>]
 * scores captions written elsewhere (training.evaluate's PyTorch reference: src/eval/captions-file.ts) with the
 * same code instead of captioning with a bundle: the one definition of every world figure. `--json` also writes
 * the report's JSON to that file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCli } from './cli';
import { textTable } from '../src/bench/table';
import type { CaptionStyle } from '../src/core/bundle/config';
import { datasetForCaptions, readCaptionsFile } from '../src/eval/captions-file';
import { readCocoCaptions, type CocoDataset } from '../src/eval/coco';
import {
  errorsTable,
  evalMarkdown,
  objectTable,
  policyTable,
  refinementTable,
  textMetricsTable,
} from '../src/eval/eval-markdown';
import { buildEvalReport, type EvalReport, type ImageCaptions } from '../src/eval/eval-report';
import {
  EVAL_SPLIT_NAMES,
  EVAL_SPLITS,
  checkTargets,
  evalSplitsFrom,
  splitReportOf,
  splitsTable,
  targetsTable,
  type EvalSplit,
} from '../src/eval/eval-splits';
import type { LookPolicy } from '../src/core/look-policy';
import { DEFAULT_THRESHOLDS, policyReport, type PolicyCaption } from '../src/eval/look-policies';
import { loadNodeCaptioner } from '../src/node/load-captioner';
import { loadAverage, machineFacts, today } from './bench/machine';
import { writeReport } from './bench/report-files';
import { ensureWorldSplit } from './bench/world-split';
import { runRealEval } from './eval-real';
import { REAL_SPLITS, type RealSplit } from '../src/eval/real/real-labels';

const { values } = parseCli(import.meta.url, {
  options: {
    model: { type: 'string', default: 'public/models/glance-world-v3' },
    // Default data/world/test, or with --captions the split the file names.
    data: { type: 'string' },
    captions: { type: 'string' },
    json: { type: 'string' },
    limit: { type: 'string', default: '200' },
    all: { type: 'boolean', default: false },
    styles: { type: 'string', default: 'short,detailed' },
    threads: { type: 'string', default: '2' },
    out: { type: 'string', default: 'reports' },
    set: { type: 'string', default: 'all' },
    'real-model': { type: 'string', default: 'public/models/glance-real-v1' },
    'real-split': { type: 'string' },
    policies: { type: 'boolean', default: false },
    thresholds: { type: 'string' },
    look: { type: 'string' },
    splits: { type: 'string' },
  },
});

function positiveInteger(name: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${text}`);
  return n;
}

function stylesFrom(text: string): CaptionStyle[] {
  const styles = text.split(',').map((s) => s.trim());
  for (const s of styles) if (s !== 'short' && s !== 'detailed') throw new Error(`--styles: unknown style "${s}"`);
  return styles as CaptionStyle[];
}

async function main(): Promise<void> {
  const set = values.set!;
  if (!['all', 'world', 'real'].includes(set)) throw new Error(`--set must be all, world or real, got ${set}`);
  if (values.captions !== undefined && set !== 'world') throw new Error('--captions goes with --set world');
  if (values.captions !== undefined) scoreCaptionsFile(values.captions);
  else if (set !== 'real') await worldEval();
  if (set !== 'world') {
    const threads = positiveInteger('threads', values.threads);
    const split = values['real-split'];
    if (split !== undefined && !REAL_SPLITS.includes(split as RealSplit)) {
      throw new Error('--real-split: tune, report or holdout');
    }
    await runRealEval({
      model: values['real-model']!,
      threads,
      out: values.out!,
      split: split as RealSplit | undefined,
    });
  }
}

/** `--look 0.9` or `--look 0.9:all`: a confidence policy in force for every caption. */
function lookFrom(text: string | undefined): LookPolicy | undefined {
  if (text === undefined) return undefined;
  if (text === 'always') return 'always';
  const [tau, tokens = 'attributes'] = text.split(':');
  const minTokenProbability = Number(tau);
  if (!(minTokenProbability >= 0 && minTokenProbability <= 1))
    throw new Error(`--look: threshold in [0, 1], got ${tau}`);
  if (tokens !== 'all' && tokens !== 'attributes') throw new Error(`--look: tokens all or attributes, got ${tokens}`);
  return { minTokenProbability, tokens };
}

function thresholdsFrom(text: string | undefined): number[] {
  if (text === undefined) return [...DEFAULT_THRESHOLDS];
  const values = text.split(',').map(Number);
  for (const v of values) if (!(v >= 0 && v <= 1)) throw new Error(`--thresholds: values in [0, 1], got ${text}`);
  return values;
}

/** The world data dirs to caption: `--data` alone, or each `--splits` condition's generated split. */
function worldDataDirs(): { split: EvalSplit | null; dir: string }[] {
  if (values.data !== undefined) {
    if (values.splits !== undefined) throw new Error('--data and --splits exclude each other');
    return [{ split: null, dir: values.data }];
  }
  return evalSplitsFrom(values.splits ?? EVAL_SPLIT_NAMES.join(',')).map((split) => ({
    split,
    dir: join('data/world', EVAL_SPLITS[split]),
  }));
}

type NodeCaptioner = Awaited<ReturnType<typeof loadNodeCaptioner>>;

/** Captions `images` of `dataDir` in each style, coarse and refined in one job; policy rows when a policy runs. */
async function captionImages(args: {
  node: NodeCaptioner;
  dataDir: string;
  images: CocoDataset['images'];
  styles: readonly CaptionStyle[];
  look: LookPolicy | undefined;
  policyCaptions: PolicyCaption[] | null;
}): Promise<ImageCaptions[]> {
  const { node, dataDir, images, styles, look, policyCaptions } = args;
  const captions: ImageCaptions[] = [];
  const captionStart = performance.now();
  for (const [i, image] of images.entries()) {
    const bytes = new Uint8Array(readFileSync(join(dataDir, image.fileName)));
    for (const style of styles) {
      // One job gives both: the coarse caption is pass 1 of the refined job, exactly as with refine off.
      const result = await node.captionImage(bytes, image.fileName, { style, refine: true, look });
      if (result.look && policyCaptions) {
        const t = result.timings;
        policyCaptions.push({
          id: image.id,
          style,
          coarse: result.coarse.text,
          refined: result.refined?.text ?? result.coarse.text,
          minProbability: result.look.minProbability,
          minAttributeProbability: result.look.minAttributeProbability,
          endedAtEos: result.coarse.stopReason === 'eos',
          coarseMs: t.total - t.lookAgain - t.pass2,
          secondLookMs: t.lookAgain + t.pass2,
          looked: result.look.looked,
        });
      }
      captions.push({
        id: image.id,
        style,
        coarse: result.coarse.text,
        refined: result.refined?.text ?? null,
        totalMs: result.timings.total,
      });
    }
    if ((i + 1) % 50 === 0 || i + 1 === images.length) {
      const seconds = (performance.now() - captionStart) / 1000;
      console.log(`  ${dataDir}: ${i + 1}/${images.length} images, ${seconds.toFixed(0)} s`);
    }
  }
  return captions;
}

async function worldEval(): Promise<void> {
  const started = performance.now();
  const model = values.model!;
  const targets = worldDataDirs();
  const styles = stylesFrom(values.styles!);
  const threads = positiveInteger('threads', values.threads);
  const limit = values.all ? Infinity : positiveInteger('limit', values.limit);
  const notes: string[] = [];
  const runPolicy = lookFrom(values.look);
  const thresholds = thresholdsFrom(values.thresholds);
  const withPolicies = values.policies! || runPolicy !== undefined;
  // The policy table needs each job's pass-1 confidence, which the captioner reports when a policy is given.
  const look: LookPolicy | undefined = runPolicy ?? (withPolicies ? 'always' : undefined);

  const splits = targets.map(({ split, dir }) => {
    const generatedS = ensureWorldSplit(dir);
    if (generatedS !== null) notes.push(`${dir} was generated first, in ${generatedS.toFixed(1)} s.`);
    const dataset = readCocoCaptions(JSON.parse(readFileSync(join(dir, 'captions.json'), 'utf8')));
    const images = dataset.images.slice(0, limit);
    return { split, dir, dataset, subset: { ...dataset, images } };
  });
  console.log(
    `eval: ${model} on ${splits.map((s) => `${s.subset.images.length} of ${s.dataset.images.length} images of ${s.dir}`).join('; ')}, ` +
      `styles ${styles.join(', ')}, coarse and refined, greedy, onnxruntime-node with ${threads} threads`,
  );

  const loadAverageStart = loadAverage();
  const node = await loadNodeCaptioner(model, { runtime: 'node', threads });
  // The policy table is the first split's (the clean one by default): one definition of its figures.
  const policyCaptions: PolicyCaption[] = [];
  const captionStart = performance.now();
  const captioned: ImageCaptions[][] = [];
  try {
    for (const [i, s] of splits.entries()) {
      captioned.push(
        await captionImages({
          node,
          dataDir: s.dir,
          images: s.subset.images,
          styles,
          look,
          policyCaptions: i === 0 ? policyCaptions : null,
        }),
      );
    }
  } finally {
    await node.dispose();
  }

  const machine = machineFacts();
  notes.push(
    `Captioned in ${((performance.now() - captionStart) / 1000).toFixed(1)} s; load average ` +
      `${loadAverageStart.join(' ')} at the start, ${loadAverage().join(' ')} at the end (a shared machine).`,
  );
  const date = today();
  const reports = splits.map((s, i) =>
    buildEvalReport({
      date,
      machine: machine.description,
      bundle: model,
      data: { path: s.dir },
      dataset: s.subset,
      captions: captioned[i],
      settings: {
        images: s.subset.images.length,
        styles: styles.join(','),
        threads,
        decoding: 'greedy',
        runtime: 'onnxruntime-node',
        ...(look === undefined
          ? {}
          : { look: look === 'always' ? 'always' : `${look.tokens ?? 'attributes'}>=${look.minTokenProbability}` }),
      },
      durationS: (performance.now() - started) / 1000,
      notes,
    }),
  );
  const report = reports[0];
  if (splits.length > 1) report.splits = splits.map((s, i) => splitReportOf(s.split!, reports[i]));
  if (withPolicies && splits[0].dataset.hasObjects) {
    report.policies = policyReport(policyCaptions, splits[0].subset, thresholds, look);
  }
  report.durationS = (performance.now() - started) / 1000;
  printAndWrite(report);
}

/** `--captions`: the captions come from a file (training.evaluate, or anyone); everything else as above. */
function scoreCaptionsFile(file: string): void {
  const started = performance.now();
  const captionsFile = readCaptionsFile(JSON.parse(readFileSync(file, 'utf8')));
  const dataDir = values.data ?? captionsFile.data ?? 'data/world/test';
  if (!existsSync(join(dataDir, 'captions.json'))) throw new Error(`${dataDir}/captions.json not found (--data)`);
  const dataset = readCocoCaptions(JSON.parse(readFileSync(join(dataDir, 'captions.json'), 'utf8')));
  const subset = datasetForCaptions(dataset, captionsFile.captions);
  console.log(
    `eval: ${captionsFile.captions.length} captions of ${subset.images.length} images of ${dataDir} ` +
      `from ${file}, written by ${captionsFile.producer}`,
  );
  const report = buildEvalReport({
    date: today(),
    machine: machineFacts().description,
    bundle: captionsFile.producer,
    data: { path: dataDir },
    dataset: subset,
    captions: captionsFile.captions,
    settings: { images: subset.images.length, captions: file },
    durationS: (performance.now() - started) / 1000,
    notes: [`Captions from ${file}, not captioned by this run.`, ...captionsFile.notes],
  });
  printAndWrite(report);
}

function printAndWrite(report: EvalReport): void {
  console.log('\n' + textTable(textMetricsTable(report)));
  if (report.data.world) {
    console.log('\n' + textTable(objectTable(report)));
    console.log('\n' + textTable(errorsTable(report)));
    console.log('\n' + textTable(refinementTable(report)));
  }
  if (report.splits) {
    console.log('\n' + textTable(splitsTable(report.splits)));
    console.log('\n' + textTable(targetsTable(checkTargets(report.splits))));
  }
  if (report.policies) console.log('\n' + textTable(policyTable(report)));
  const files = writeReport(values.out!, report.date, 'eval', report, evalMarkdown(report));
  if (values.json !== undefined) {
    mkdirSync(dirname(values.json), { recursive: true });
    writeFileSync(values.json, JSON.stringify(report, null, 2) + '\n');
    files.push(values.json);
  }
  console.log(`\nwrote ${files.join(' and ')} (${report.durationS.toFixed(0)} s)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
