/** The bench report's "Video files" section (issue 18) and its summary line. */
import { formatBytes, formatMs, formatNumber, formatPercent, formatRatio, MISSING } from './format';
import { markdownTable, type Table } from './table';
import type { MemoryTrend, VideoReport, VideoRunReport, VideoScene, VideoShot } from './video-types';
import { FLAT_RISE, MEMORY_SETTLE_MS } from './video-report';

/** 0.0625 -> "63 ms", 1.5 -> "1.50 s". */
const seconds = (sec: number | null | undefined) =>
  sec === null || sec === undefined ? MISSING : formatMs(sec * 1000);

/** "12.3x" style for video seconds per wall second. */
const speed = (value: number | null | undefined) =>
  value === null || value === undefined ? MISSING : `${formatNumber(value, 2)} video s/s`;

export function videoRunsTable(runs: readonly VideoRunReport[]): Table {
  return {
    header: [
      'run',
      'pick to done',
      "job's own time (UI)",
      'speed',
      'scenes / true shots',
      'cuts found',
      'cut error median',
      'cut error max',
      'extra scenes',
      'captions',
      'caption median (page)',
      'in the worker: total / preprocess / encode / second look',
      'main-thread tasks > 50 ms',
    ],
    rows: runs.map((r, i) => [
      `${i + 1}${r.phase === 'done' ? '' : ` (${r.phase})`}`,
      formatMs(r.wallMs),
      formatMs(r.uiElapsedMs),
      speed(r.videoSecPerWallSec),
      `${r.scenes} / ${r.trueShots}`,
      `${r.cuts.found} of ${Math.max(0, r.trueShots - 1)}`,
      seconds(r.cuts.medianSec),
      seconds(r.cuts.maxSec),
      String(r.cuts.extra),
      String(r.captions),
      formatMs(r.captionMedianMs),
      r.workerMedianMs
        ? [r.workerMedianMs.total, r.workerMedianMs.preprocess, r.workerMedianMs.encode, r.workerMedianMs.lookAgain]
            .map(formatMs)
            .join(' / ')
        : MISSING,
      r.longTasks === 0 ? '0' : `${r.longTasks} (longest ${formatMs(r.longestTaskMs)})`,
    ]),
  };
}

/** Each scene found, with the true shot its captioned frame lies in. */
export function videoScenesTable(scenes: readonly VideoScene[], shots: readonly VideoShot[]): Table {
  return {
    header: ['scene', 'start', 'captioned frame', 'true shot at that frame', 'caption (refined, else coarse)'],
    align: ['right', 'right', 'right', 'left', 'left'],
    rows: scenes.map((scene, i) => {
      const shot = shots.findIndex((s) => scene.frameSec >= s.startSec && scene.frameSec < s.endSec);
      const truth =
        shot < 0 ? MISSING : `${shot + 1}: ${shots[shot].photo} (${shots[shot].labels.join(', ') || 'no labels'})`;
      return [
        String(i + 1),
        `${scene.startSec.toFixed(3)} s`,
        `${scene.frameSec.toFixed(2)} s`,
        truth,
        scene.refined ?? scene.coarse,
      ];
    }),
  };
}

export function memoryTrendTable(rows: readonly [string, MemoryTrend | null][]): Table {
  return {
    header: [
      'memory',
      'readings',
      'first',
      'last',
      'max',
      `first after ${MEMORY_SETTLE_MS / 1000} s`,
      'rise to the last',
      'slope per video minute',
      'verdict',
    ],
    rows: rows.map(([label, t]) =>
      t
        ? [
            label,
            String(t.samples),
            formatBytes(t.first),
            formatBytes(t.last),
            formatBytes(t.max),
            `${formatBytes(t.baseline)} at ${formatNumber(t.baselineAtMs / 1000, 0)} s`,
            formatPercent(t.rise),
            t.slopePerVideoMinute === null
              ? MISSING
              : `${t.slopePerVideoMinute >= 0 ? '+' : ''}${formatBytes(t.slopePerVideoMinute)}`,
            t.verdict,
          ]
        : [label, '0', MISSING, MISSING, MISSING, MISSING, MISSING, MISSING, 'not measured'],
    ),
  };
}

export function samplingTable(sampling: NonNullable<VideoReport['sampling']>): Table {
  const row = (label: string, s: NonNullable<VideoReport['sampling']>['seek'], opening: string) => [
    label,
    s ? String(s.rounds) : '0',
    formatMs(s?.totalMs),
    formatMs(s?.perKeptFrameMs),
    s ? `${formatMs(s.openMs)} ${opening}` : MISSING,
    s ? String(s.keptFrames) : MISSING,
    s ? String(s.decodedFrames) : MISSING,
  ];
  return {
    header: [
      'method',
      'rounds',
      'total (median)',
      'per kept frame',
      'of which opening',
      'frames kept',
      'frames decoded',
    ],
    align: ['left'],
    rows: [
      row('seek a detached <video>, VideoFrame, copyTo', sampling.seek, '(to the first frame)'),
      row('WebCodecs: mp4box demux, VideoDecoder, copyTo', sampling.webcodecs, '(demux and configure)'),
    ],
  };
}

/** The cuts not narrowed as the app promises and the scenes that start at no cut, in words; '' when none. */
export function cutProblems(cuts: VideoRunReport['cuts']): string {
  const s = (sec: number) => `${sec.toFixed(3)} s`;
  const parts = [
    ...(cuts.offCuts.length
      ? [
          `cuts further than interval / 8 from the nearest scene start: ` +
            cuts.offCuts.map((c) => `${s(c.cutSec)} (start at ${s(c.nearestStartSec)})`).join(', '),
        ]
      : []),
    ...(cuts.extraStartsSec.length ? [`scenes that start at no cut: ${cuts.extraStartsSec.map(s).join(', ')}`] : []),
  ];
  return parts.length ? `${parts.join('; ')}.` : '';
}

function runSection(report: VideoReport): string[] {
  if (report.runs.length === 0) return ['Not run.'];
  const lines = [markdownTable(videoRunsTable(report.runs))];
  report.runs.forEach((r, i) => {
    const problems = cutProblems(r.cuts);
    if (problems) lines.push('', `Run ${i + 1}: ${problems}`);
  });
  if (report.median && report.runs.length > 1) {
    lines.push(
      '',
      `Median of ${report.runs.length} runs: ${formatMs(report.median.wallMs)} from pick to done ` +
        `(${formatMs(report.median.uiElapsedMs)} by the job's own clock), ${speed(report.median.videoSecPerWallSec)}.`,
    );
  }
  lines.push(
    '',
    "\"Pick to done\" is the page clock from the file input's change event to the job panel's end phase; the job's " +
      'own time starts once the file is open. A cut is found when a scene starts within one sample interval of it; ' +
      "the cut error is each true cut's distance to the nearest scene start (the app narrows a cut to interval / 8 " +
      "after it). Captions are the caption calls the page made: the page's time (frame transfer and waiting for " +
      "the worker included) and the worker's own medians of the same captions.",
  );
  if (report.scenes.length)
    lines.push('', 'Scenes of the first run:', '', markdownTable(videoScenesTable(report.scenes, report.shots)));
  return lines;
}

function longSection(long: NonNullable<VideoReport['long']>): string[] {
  const lines = [
    `${long.file}, ${formatNumber(long.durationSec, 0)} s of video: ${long.phase} in ${formatMs(long.wallMs)} ` +
      `(${speed(long.videoSecPerWallSec)}), ${long.scenes} scenes for ${long.trueShots} shots, ` +
      `${long.cuts.found} of ${Math.max(0, long.trueShots - 1)} cuts found (max error ${seconds(long.cuts.maxSec)}), ` +
      `${long.captions} captions (median ${formatMs(long.captionMedianMs)}), ` +
      `${long.longTasks} main-thread tasks over 50 ms.`,
    '',
    markdownTable(
      memoryTrendTable([
        ['renderer processes, private (incl. WASM, video decoder)', long.renderer],
        ['captioner worker JS heap', long.workerHeap],
      ]),
    ),
    '',
    `Read about every 10 s during the job, after a garbage collection in the page and the worker. Flat: the rise ` +
      `from the first reading at or after ${MEMORY_SETTLE_MS / 1000} s (the load's allocations settling) to the ` +
      `last is under ${formatPercent(FLAT_RISE, 0)}; the slope is the least-squares fit of the same readings ` +
      'against video time.',
  ];
  const offCuts = cutProblems(long.cuts);
  if (offCuts) lines.splice(1, 0, '', offCuts);
  if (long.memory.length) {
    const row = (s: (typeof long.memory)[number], label?: string) => [
      label ?? formatNumber(s.atMs / 1000, 0),
      formatNumber(s.videoSec, 1),
      formatBytes(s.rendererPrivateBytes),
      formatBytes(s.workerHeapBytes),
      formatBytes(s.pageHeapBytes),
    ];
    lines.push(
      '',
      markdownTable({
        header: ['seconds', 'video s', 'renderer private', 'worker JS heap', 'page JS heap'],
        rows: [
          ...long.memory.map((s) => row(s)),
          ...(long.memoryAfter
            ? [row(long.memoryAfter, `after the job (${formatNumber(long.memoryAfter.atMs / 1000, 0)})`)]
            : []),
        ],
      }),
    );
  }
  return lines;
}

function samplingSection(sampling: NonNullable<VideoReport['sampling']>): string[] {
  const lines = [
    `${sampling.file}, one frame every ${sampling.stepSec} s, in a page of its own (no app code), the file's ` +
      'bytes in memory before either clock starts. Seek: a detached, muted `<video>` over an object URL, ' +
      '`currentTime` then `seeked`, `new VideoFrame(video)`, `copyTo` in its native layout, `close` (what the app ' +
      `does, without the signature). WebCodecs: mp4box (npm) demuxes, a \`VideoDecoder\` (${sampling.codec ?? 'codec unknown'}, ` +
      `hardwareAcceleration ${sampling.hardwareAcceleration}) decodes every frame, since a cut is not a keyframe ` +
      "and a frame needs all frames since its keyframe, and the frame shown at each step is kept (copied as the seek's). " +
      'The two alternate within each round, and which goes first alternates between rounds.',
  ];
  if (sampling.error) lines.push('', `Stopped: ${sampling.error}`);
  const kept = sampling.seek?.keptFrames ?? null;
  if (sampling.matchingFrames !== null && kept !== null) {
    lines.push(
      '',
      `Same pictures: ${sampling.matchingFrames} of ${kept} kept frames had the same bytes from both methods ` +
        '(a checksum of each copy, first round).',
    );
  }
  lines.push('', markdownTable(samplingTable(sampling)));
  lines.push(
    '',
    `WebCodecs / seek, median totals: ${formatRatio(sampling.webcodecsVsSeek)}. Every round: ` +
      sampling.rounds.map((r) => `${r.round + 1} ${r.method} ${formatMs(r.totalMs)}`).join(', ') +
      '.',
  );
  return lines;
}

export function videoSection(report: VideoReport | null): string[] {
  if (!report) return ['Not run (`--no-video`, `--no-browser`, or the clips could not be made: see the notes).'];
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ');
  const lines = [
    `The Video place (issue 18, docs/video-captions.md) in the test build, a fresh profile with no remembered model, ` +
      `so its default model loads (${report.model ?? 'model unknown'}), WASM, the default options (a look every 0.5 s, ` +
      `shortest scene 1 s, short captions, refined). Load average ${load(report.loadAverage.start)} at the start ` +
      `of this part, ${load(report.loadAverage.end)} at its end.`,
    '',
    '### 60 s, 640x480, 10 scene changes',
    '',
    ...runSection(report),
    '',
    '### Memory over a 10-minute video',
    '',
    ...(report.long ? longSection(report.long) : ['Not run (`--quick` or `--no-video-long`).']),
    '',
    '### Sampling frames: seeking a `<video>` against WebCodecs',
    '',
    ...(report.sampling ? samplingSection(report.sampling) : ['Not run.']),
  ];
  if (report.notes.length) lines.push('', ...report.notes.map((n) => `- ${n}`));
  return lines;
}

/** The summary's line, or none when video files were not benched. */
export function videoSummary(
  report: VideoReport | null,
  show: (id: 'video60sMs' | 'videoMemoryRise') => string,
): string[] {
  if (!report) return [];
  const first = report.runs[0];
  const sampling = report.sampling;
  return [
    `video, 60 s 640x480 with 10 changes: ${show('video60sMs')}` +
      (first
        ? `, ${first.scenes} scenes for ${first.trueShots} shots, max cut error ${seconds(first.cuts.maxSec)}`
        : '') +
      `; 10-minute video memory rise ${show('videoMemoryRise')}` +
      (sampling
        ? `; sampling per kept frame: seek ${formatMs(sampling.seek?.perKeptFrameMs)}, WebCodecs ${formatMs(sampling.webcodecs?.perKeptFrameMs)}`
        : ''),
  ];
}
