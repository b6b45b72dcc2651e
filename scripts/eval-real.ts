/**
 * The real-photo part of `npm run eval`: captions the hand-labelled photos (scripts/real-photos/labels.json,
 * fetched from Debian packages by `npm run photos:real`) with the real-world bundle and scores the captions
 * (src/eval/real). Writes <out>/<date>/real-eval.{json,md}.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { textTable } from '../src/bench/table';
import { validateDetectConfig } from '../src/core/bundle/detect-config';
import { buildRealReport, realReportMarkdown, realScoresTable } from '../src/eval/real/real-report';
import { loadRealLabels, type RealSplit } from '../src/eval/real/real-labels';
import type { LabelledPhoto } from '../src/eval/real/real-scores';
import { loadNodeEngine } from '../src/node/load-engine';
import { loadAverage, machineFacts, today } from './bench/machine';
import { writeReport } from './bench/report-files';

const PHOTOS = join(import.meta.dirname, '..', '.cache', 'real-photos', 'photos');

/** The photo files, fetched first when any is missing. */
function photoFiles(photos: readonly LabelledPhoto[]): Map<string, string> {
  const find = () => new Map((existsSync(PHOTOS) ? readdirSync(PHOTOS) : []).map((f) => [f.replace(/\.\w+$/, ''), f]));
  let files = find();
  if (photos.some((p) => !files.has(p.id))) {
    execFileSync(join('node_modules', '.bin', 'tsx'), [join('scripts', 'real-photos', 'fetch.ts')], {
      stdio: 'inherit',
    });
    files = find();
  }
  return new Map(photos.map((p) => [p.id, join(PHOTOS, files.get(p.id) ?? `${p.id}.missing`)]));
}

export async function runRealEval(options: {
  model: string;
  threads: number;
  out: string;
  /** Only this split's photos ('tune' while tuning thresholds and wording: the others stay unseen). */
  split?: RealSplit;
}): Promise<void> {
  const photos = loadRealLabels().photos.filter((p) => !options.split || p.split === options.split);
  const files = photoFiles(photos);
  const config = validateDetectConfig(JSON.parse(readFileSync(join(options.model, 'config.json'), 'utf8')));
  console.log(`eval (real photos): ${options.model} on ${photos.length} labelled photos, coarse and refined`);
  const load = loadAverage();
  const node = await loadNodeEngine(options.model, { runtime: 'node', threads: options.threads });
  const captions = [];
  try {
    for (const photo of photos) {
      const bytes = new Uint8Array(readFileSync(files.get(photo.id)!));
      const result = await node.captionImage(bytes, photo.id, { style: 'detailed', refine: true });
      captions.push({
        id: photo.id,
        coarse: result.coarse.text,
        refined: result.refined?.text ?? null,
        objects: result.objects,
        ms: result.timings.total,
      });
    }
  } finally {
    await node.dispose();
  }
  const date = today();
  const report = buildRealReport({
    date,
    machine: machineFacts().description,
    bundle: options.model,
    glanceSize: config.detector.input_size,
    photos,
    captions,
    notes: [`Load average ${load.join(' ')} at the start, ${loadAverage().join(' ')} at the end.`],
  });
  console.log('\n' + textTable(realScoresTable(report)));
  const written = writeReport(options.out, date, 'real-eval', report, realReportMarkdown(report));
  console.log(`wrote ${written.join(' and ')}`);
}
