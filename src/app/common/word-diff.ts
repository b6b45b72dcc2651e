/**
 * Word-level diff of two captions, for marking what the second look changed. Pure: the UI renders the parts.
 * Words and the punctuation glued to them (`,` `:` `.`) are separate tokens, so "circle," -> "circle." marks
 * only the punctuation, and the rendered text keeps the caption's own spacing. Words said in both captions at
 * different places (a clause said later, an object now named after another) are flagged `moved`, not changed.
 */

/** One token of the diff: kept by both captions, only in the new one, or only in the old one. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  /** The token as rendered, with its leading space when it has one. */
  text: string;
  /**
   * An added token that the old caption has elsewhere, or a removed one that the new caption has elsewhere: part
   * of its caption's text, but not a change.
   */
  moved?: true;
}

/** Splits a caption into words and punctuation marks. */
export function captionTokens(text: string): string[] {
  return text.match(/[^\s.,:;!?]+|[.,:;!?]/g) ?? [];
}

const GLUED = /^[.,:;!?]$/;
/** Punctuation that ends a clause of either grammar (a comma only separates parts of one). */
const CLAUSE_END = /^[.:;!?]$/;

function withSpace(token: string, first: boolean): string {
  return first || GLUED.test(token) ? token : ` ${token}`;
}

/** Tokens compared as one: a single token, or a run found to have moved (compared by its `key`). */
interface Unit {
  key: string;
  tokens: string[];
  moved: boolean;
}

type Step = { kind: DiffPart['kind']; unit: Unit };

/** The LCS edit script over units, removed units placed before the added ones that replace them. */
function lcsSteps(a: readonly Unit[], b: readonly Unit[]): Step[] {
  // lcs[i][j] = length of the LCS of a[i..] and b[j..]; captions are short (< 100 tokens), so O(n*m) is fine.
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i].key === b[j].key ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i].key === b[j].key) {
      steps.push({ kind: 'same', unit: b[j] });
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      steps.push({ kind: 'removed', unit: a[i++] });
    } else {
      steps.push({ kind: 'added', unit: b[j++] });
    }
  }
  return steps;
}

/** Words too common to make a move on their own ("in the", "what looks like" are everywhere). */
const FUNCTION_WORDS = new Set([
  'a',
  'an',
  'the',
  'in',
  'on',
  'at',
  'of',
  'to',
  'and',
  'what',
  'looks',
  'look',
  'like',
]);

/** A run shared by a removed and an added stretch moved when it has this many words, one not a function word. */
const MOVE_MIN_WORDS = 2;

/**
 * The longest run of single-token units that the script removes in one stretch and adds in another (stretches
 * end at kept units): text said in both captions but at different places. Null when none is long enough.
 */
function longestMove(steps: readonly Step[]): { from: Unit[]; to: Unit[] } | null {
  const stretches = (kind: 'added' | 'removed'): Unit[][] => {
    const out: Unit[][] = [[]];
    for (const step of steps) {
      if (step.kind === 'same') out.push([]);
      else if (step.kind === kind) out[out.length - 1].push(step.unit);
    }
    return out.filter((s) => s.length > 0);
  };
  let best: { from: Unit[]; to: Unit[] } | null = null;
  for (const r of stretches('removed')) {
    for (const a of stretches('added')) {
      for (let x = 0; x < r.length; x++) {
        for (let y = 0; y < a.length; y++) {
          let n = 0;
          while (x + n < r.length && y + n < a.length && !r[x + n].moved && r[x + n].key === a[y + n].key) n++;
          if (n > (best?.from.length ?? 0)) best = { from: r.slice(x, x + n), to: a.slice(y, y + n) };
        }
      }
    }
  }
  if (!best) return null;
  const words = best.from.map((u) => u.key).filter((t) => !GLUED.test(t));
  return words.length >= MOVE_MIN_WORDS && words.some((w) => !FUNCTION_WORDS.has(w.toLowerCase())) ? best : null;
}

/** `units` with units [start, end) replaced by one moved unit. */
function collapse(units: readonly Unit[], start: number, end: number, key: string): Unit[] {
  const merged: Unit = { key, tokens: units.slice(start, end).flatMap((u) => u.tokens), moved: true };
  return [...units.slice(0, start), merged, ...units.slice(end)];
}

/** Rounds of move finding; each collapses one run, and captions rarely move more than a clause or two. */
const MAX_MOVES = 4;

/**
 * The edit script from `before` to `after`: the longest common subsequence of tokens, removed tokens placed
 * before the added ones that replace them; then runs of words said in both captions at different places (what
 * the LCS can only call removed here and added there) are each made one unit, flagged `moved`, and the script
 * computed again, so the words around them align as they should. Concatenating the non-removed parts gives
 * `after`'s tokens, spaced.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const unitsOf = (text: string): Unit[] => captionTokens(text).map((t) => ({ key: t, tokens: [t], moved: false }));
  let a = unitsOf(before);
  let b = unitsOf(after);
  let steps = lcsSteps(a, b);
  for (let k = 0; k < MAX_MOVES; k++) {
    const move = longestMove(steps);
    if (!move) break;
    // Grow the run over the words around it that both captions also share there: the LCS may have kept them
    // in place by matching them elsewhere ("close to | the camera", "the camera" matched to "facing the camera").
    // Within the clause only: a clause's end (`;` `:` `.`) ends the growth, so no word of the next clause joins.
    let [a0, b0] = [a.indexOf(move.from[0]), b.indexOf(move.to[0])];
    let [a1, b1] = [a0 + move.from.length, b0 + move.to.length];
    const free = (u: Unit | undefined, v: Unit | undefined) =>
      !!u && !!v && !u.moved && !v.moved && u.key === v.key && !CLAUSE_END.test(u.key);
    while (!CLAUSE_END.test(a[a1 - 1].key) && free(a[a1], b[b1])) [a1, b1] = [a1 + 1, b1 + 1];
    while (!CLAUSE_END.test(a[a0].key) && free(a[a0 - 1], b[b0 - 1])) [a0, b0] = [a0 - 1, b0 - 1];
    const key = `\u0000moved ${k}`;
    a = collapse(a, a0, a1, key);
    b = collapse(b, b0, b1, key);
    steps = lcsSteps(a, b);
  }
  const parts: DiffPart[] = [];
  let firstAfter = true;
  let firstBefore = true;
  for (const { kind, unit } of steps) {
    // A moved run the new script keeps in place is simply kept; one still out of place is marked moved.
    for (const token of unit.tokens) {
      const first = kind === 'removed' ? firstBefore : firstAfter;
      const part: DiffPart = { kind, text: withSpace(token, first) };
      if (unit.moved && kind !== 'same') part.moved = true;
      parts.push(part);
      if (kind !== 'removed') firstAfter = false;
      if (kind !== 'added') firstBefore = false;
    }
  }
  pairPunctuation(parts);
  return parts;
}

/**
 * A punctuation mark removed in one place and the same mark added in another went with a moved clause ("X;"
 * said later as "; X"): both are flagged moved, in order, one removed with one added.
 */
function pairPunctuation(parts: DiffPart[]): void {
  const open = new Map<string, DiffPart[]>();
  const changed = parts.filter((p) => p.kind !== 'same' && !p.moved && GLUED.test(p.text));
  for (const p of changed.filter((q) => q.kind === 'removed')) open.set(p.text, [...(open.get(p.text) ?? []), p]);
  for (const p of changed.filter((q) => q.kind === 'added')) {
    const match = open.get(p.text)?.shift();
    if (match) match.moved = p.moved = true;
  }
}

/** How many tokens the refinement changed (added or removed, not moved); 0 means the captions say the same. */
export function changedCount(parts: readonly DiffPart[]): number {
  return parts.filter((p) => p.kind !== 'same' && !p.moved).length;
}
