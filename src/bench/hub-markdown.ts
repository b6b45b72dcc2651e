/** The hub fixtures' section of the bench report (hub-types.ts), with Glance's own models beside them. */
import type { CaseReport } from './bench-types';
import { formatMs, MISSING } from './format';
import type { HubReport } from './hub-types';
import { markdownTable, type Table } from './table';

export const HUB_SECTION_TITLE = 'Hub fixtures (transformers.js, WASM)';

/** The shipped models' names, for the comparison rows (their cases carry only 'world' or 'real'). */
const GLANCE_NAMES = { world: 'glance-world-v3', real: 'glance-real-v1' } as const;

/** The second look's median (lookAgain + pass2 stage medians) of a Glance model's refined case. */
const lookOf = (c: CaseReport | undefined): number | null =>
  c?.stageMedians ? c.stageMedians.lookAgain + c.stageMedians.pass2 : null;

/**
 * One row per hub family, then Glance's own models' WASM medians in the same style, so a hub figure can be read
 * against the app's model on the same machine in the same run (their load is the page's, in the Load section).
 */
export function hubTable(hub: HubReport, cases: readonly CaseReport[]): Table {
  const families = hub.families.map((f) => [
    f.repoId,
    f.modelType,
    formatMs(f.coarse?.median),
    formatMs(f.refined?.median),
    formatMs(f.refinedRoundTrip?.median),
    formatMs(f.secondLook?.median),
    String(f.refined?.n ?? 0),
    formatMs(f.loadMs),
    formatMs(f.warmupMs),
    f.error ? 'failed: see the notes' : '',
  ]);
  const glance = (['world', 'real'] as const).flatMap((model) => {
    const find = (refine: boolean) =>
      cases.find(
        (c) => c.model === model && c.runtime === 'wasm' && c.style === hub.style && c.refine === refine && c.useCache,
      );
    const coarse = find(false);
    const refined = find(true);
    if (!coarse && !refined) return [];
    return [
      [
        `${GLANCE_NAMES[model]} (Glance)`,
        model === 'world' ? 'glance (learned)' : 'glance-detect',
        formatMs(coarse?.total?.median),
        formatMs(refined?.total?.median),
        formatMs(refined?.roundTrip?.median),
        formatMs(lookOf(refined)),
        String(refined?.total?.n ?? 0),
        MISSING,
        MISSING,
        'for comparison: its own inputs',
      ],
    ];
  });
  return {
    header: [
      'model',
      'type',
      'coarse only',
      'coarse + refined',
      'refined round trip',
      'of which second look',
      'captions',
      'load to ready',
      'of which warm-up',
      'note',
    ],
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    rows: [...families, ...glance],
  };
}

export function hubSection(hub: HubReport | null, cases: readonly CaseReport[]): string[] {
  if (!hub) return ['Not run (`--no-hub`, `--no-browser` or `--only video`).'];
  return [
    `Each designed tiny fixture of \`scripts/hub-fixtures\` (a hub family's file layout and graphs, designed ` +
      `weights of a few hundred kB), served with the hub's URL layout from a local server and loaded through ` +
      `transformers.js in the app's worker on WASM, in a fresh browser profile of its own. Captions in the ${hub.style} style, ` +
      `${hub.inputs}; medians of the worker's total per caption (the second look's: its lookAgain and pass2 ` +
      `stages, which a family whose look stopped would show near 0). The figures are the integration's cost ` +
      `(processor, generate loop, second look, messaging) and show a regression in it; they are not targets and ` +
      `say nothing of a real model's speed.`,
    '',
    markdownTable(hubTable(hub, cases)),
    '',
    'Load to ready: `client.load(url)` to the model being ready (downloads from the local server, ONNX sessions, ' +
      'the warm-up caption), after the page had loaded the world model, so ORT was already running.',
  ];
}
