import { wordDiff } from '../common/word-diff';

/**
 * The line under the live caption saying what the second look did. Added words are marked in the caption
 * itself; dropped words are not shown there, so the note names them.
 */
export function secondLookNote(coarse: string, refined: string | null, final: boolean): string {
  if (!final) return 'First look; looking again…';
  if (refined === null) return 'First look (refinement off).';
  const parts = wordDiff(coarse, refined);
  const added = parts.some((p) => p.kind === 'added');
  const dropped = parts
    .filter((p) => p.kind === 'removed')
    .map((p) => p.text)
    .join('')
    .trim();
  if (!added && !dropped) return 'The second look confirmed the first.';
  const notes = [];
  if (added) notes.push('Highlighted: what the second look changed.');
  if (dropped) notes.push(`It dropped “${dropped}”.`);
  return notes.join(' ');
}
