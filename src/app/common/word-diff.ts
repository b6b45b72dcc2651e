/**
 * Word-level diff of two captions, for marking what the second look changed. Pure: the UI renders the parts.
 * Words and the punctuation glued to them (`,` `:` `.`) are separate tokens, so "circle," -> "circle." marks
 * only the punctuation, and the rendered text keeps the caption's own spacing.
 */

/** One token of the diff: kept by both captions, only in the new one, or only in the old one. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  /** The token as rendered, with its leading space when it has one. */
  text: string;
}

/** Splits a caption into words and punctuation marks. */
export function captionTokens(text: string): string[] {
  return text.match(/[^\s.,:;!?]+|[.,:;!?]/g) ?? [];
}

const GLUED = /^[.,:;!?]$/;

function withSpace(token: string, first: boolean): string {
  return first || GLUED.test(token) ? token : ` ${token}`;
}

/**
 * The edit script from `before` to `after` (longest common subsequence of tokens), removed tokens placed before
 * the added ones that replace them. Concatenating the non-removed parts gives `after`'s tokens, spaced.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = captionTokens(before);
  const b = captionTokens(after);
  // lcs[i][j] = length of the LCS of a[i..] and b[j..]; captions are short (< 100 tokens), so O(n*m) is fine.
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  let firstAfter = true;
  let firstBefore = true;
  const push = (kind: DiffPart['kind'], token: string): void => {
    const first = kind === 'removed' ? firstBefore : firstAfter;
    parts.push({ kind, text: withSpace(token, first) });
    if (kind !== 'removed') firstAfter = false;
    if (kind !== 'added') firstBefore = false;
  };
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push('same', b[j]);
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      push('removed', a[i++]);
    } else {
      push('added', b[j++]);
    }
  }
  return parts;
}

/** How many tokens the refinement changed (added or removed); 0 means the captions say the same. */
export function changedCount(parts: readonly DiffPart[]): number {
  return parts.filter((p) => p.kind !== 'same').length;
}
