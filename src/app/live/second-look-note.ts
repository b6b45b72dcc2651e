import { wordDiff, type DiffPart } from '../common/word-diff';

/**
 * Runs of consecutive changed tokens: a run with added tokens is a replacement or insertion, else a deletion.
 * Moved words are not changes: they end a run as kept words do.
 */
function changeRuns(parts: readonly DiffPart[]): DiffPart[][] {
  const runs: DiffPart[][] = [];
  let run: DiffPart[] = [];
  for (const part of parts) {
    if (part.kind === 'same' || part.moved) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(part);
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * The line under the live caption saying what the second look did. Replaced and added words are marked in the
 * caption itself; words it only deleted are not shown there, so the note quotes them.
 */
export function secondLookNote(coarse: string, refined: string | null, final: boolean, lookSkipped = false): string {
  if (!final) return 'First look; looking again…';
  if (lookSkipped) return 'Sure at a glance: no second look needed.';
  if (refined === null) return 'First look (refinement off).';
  const runs = changeRuns(wordDiff(coarse, refined));
  if (runs.length === 0) return 'The second look confirmed the first.';
  const marked = runs.some((run) => run.some((p) => p.kind === 'added'));
  const deleted = runs
    // A lone punctuation mark ("." -> ";" around a moved clause) is not worth quoting.
    .filter((run) => run.every((p) => p.kind === 'removed') && run.some((p) => /\w/.test(p.text)))
    .map(
      (run) =>
        `“${run
          .map((p) => p.text)
          .join('')
          .trim()}”`,
    );
  const notes = [];
  if (marked) notes.push('Highlighted: what the second look changed.');
  if (deleted.length) notes.push(`It deleted ${deleted.join(', ')}.`);
  return notes.join(' ');
}
