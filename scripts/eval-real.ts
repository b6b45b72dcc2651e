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
import {
  type StreamReport,
  buildRealReport,
  buildStreamReport,
  realReportMarkdown,
  realScoresTable,
  streamScoresTable,
} from '../src/eval/real/real-report';
import { loadVtestLabels, vtestPhotoId, vtestPhotos } from '../src/eval/real/vtest-stream';
import { readY4mFrame } from '../src/world/y4m';
import { loadRealLabels, type RealSplit } from '../src/eval/real/real-labels';
import type { LabelledPhoto } from '../src/eval/real/real-scores';
import { type NodeEngine, loadNodeEngine } from '../src/node/load-engine';
import { loadAverage, machineFacts, today } from './bench/machine';
import { writeReport } from './bench/report-files';

const PHOTOS = join(import.meta.dirname, '..', '.cache', 'real-photos', 'photos');

/** Runs one of the project's scripts (scripts/real-photos/...) to make a missing input, its output shown. */
const runScript = (...path: string[]) =>
  execFileSync(join('node_modules', '.bin', 'tsx'), [join('scripts', ...path)], { stdio: 'inherit' });

/** The photo files, fetched first when any is missing. */
function photoFiles(photos: readonly LabelledPhoto[]): Map<string, string> {
  const find = () => new Map((existsSync(PHOTOS) ? readdirSync(PHOTOS) : []).map((f) => [f.replace(/\.\w+$/, ''), f]));
  let files = find();
  if (photos.some((p) => !files.has(p.id))) {
    runScript('real-photos', 'fetch.ts');
    files = find();
  }
  return new Map(photos.map((p) => [p.id, join(PHOTOS, files.get(p.id) ?? `${p.id}.missing`)]));
}

/**
 * Captions the pedestrian clip's frames in order as one live stream, up to its last labelled frame, and scores
 * the captions at the labelled times (src/eval/real/vtest-stream.ts). Makes the clip's .y4m first if missing.
 */
async function captionVtestStream(node: NodeEngine, glanceSize: number): Promise<StreamReport> {
  const labels = loadVtestLabels();
  const y4m = join(import.meta.dirname, '..', '.cache', 'real-photos', labels.video);
  if (!existsSync(y4m)) runScript('real-photos', 'vtest-y4m.ts');
  const file = new Uint8Array(readFileSync(y4m));
  const frames = Math.max(...labels.times.map((t) => t.frame)) + 1;
  const byFrame = new Map(labels.times.map((t) => [t.frame, vtestPhotoId(t.timeS)]));
  console.log(`eval (real photos): ${labels.video}, ${frames} frames as a live stream`);
  const captions = [];
  const everyFrame = [];
  for (let frame = 0; frame < frames; frame++) {
    const picture = readY4mFrame(file, frame);
    const result = await node.captionPixels(
      { ...picture, channels: 4 },
      { style: 'detailed', refine: true, stream: 'vtest' },
    );
    everyFrame.push({ coarse: result.coarse.text, refined: result.refined?.text ?? null });
    const id = byFrame.get(frame);
    if (id === undefined) continue;
    captions.push({
      id,
      frame,
      coarse: result.coarse.text,
      refined: result.refined?.text ?? null,
      objects: result.objects,
    });
  }
  return buildStreamReport({
    video: labels.video,
    frames,
    glanceSize,
    photos: vtestPhotos(labels),
    captions,
    everyFrame,
  });
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
  let stream: StreamReport | null = null;
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
    // The clip is a 'report' case: not captioned while tuning on 'tune'.
    if (!options.split || options.split === 'report')
      stream = await captionVtestStream(node, config.detector.input_size);
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
    stream,
    notes: [`Load average ${load.join(' ')} at the start, ${loadAverage().join(' ')} at the end.`],
  });
  console.log('\n' + textTable(realScoresTable(report)));
  if (report.stream)
    console.log('\nthe pedestrian clip as a live stream\n' + textTable(streamScoresTable(report.stream)));
  const written = writeReport(options.out, date, 'real-eval', report, realReportMarkdown(report));
  console.log(`wrote ${written.join(' and ')}`);
}
