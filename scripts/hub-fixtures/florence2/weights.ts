import { COLOURS, type Colour } from '../design';
import { BOS, CH, D_MODEL, EOS, GROUND_WORD, LOC_PER_PATCH, namedColourTokens } from './design';
import { type Florence2Vocab, tokenId } from './tokenizer';

/**
 * The designed weights and answer rules. Every weight is a small multiple of 0.5, exact in float16, and the rules
 * keep a margin of 0.5 around every threshold, so the int8 (q8) copies give the same answers.
 */

/** Row-major matrix filled by `at(row, col)`. */
function matrix(rows: number, cols: number, at: (r: number, c: number) => number): Float32Array {
  const m = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) m[r * cols + c] = at(r, c);
  return m;
}

export function identity(n: number): Float32Array {
  return matrix(n, n, (r, c) => (r === c ? 1 : 0));
}

/**
 * Vision: the patch mean RGB (normalised, in [-1, 1]) times COLOUR_DIFF gives, for each colour c and each other
 * colour o, x_c − x_o = 2 (m_c − m_o); the rule m_c − m_o ≥ 0.5 for both o is min_o(x_c − x_o) ≥ 1.
 * Columns 2c and 2c + 1 are colour c against its two others.
 */
export function colourDiff(): Float32Array {
  return matrix(3, 6, (ch, col) => {
    const c = Math.floor(col / 2);
    const others = [0, 1, 2].filter((o) => o !== c);
    return ch === c ? 1 : ch === others[col % 2] ? -1 : 0;
  });
}

/** Vision: the colour one-hot [3] → its channels. */
export function colourEmbed(): Float32Array {
  return matrix(3, D_MODEL, (c, ch) => (ch === CH.colour[COLOURS[c]] ? 1 : 0));
}

/** Vision: the patch's grid position [col, row] → the COL and ROW channels. */
export function positionEmbed(): Float32Array {
  return matrix(2, D_MODEL, (i, ch) => (ch === [CH.col, CH.row][i] ? 1 : 0));
}

/** Vision: every patch feature has IS_PATCH = 1. */
export function patchBias(): Float32Array {
  return Float32Array.from({ length: D_MODEL }, (_, ch) => (ch === CH.isPatch ? 1 : 0));
}

/** Token embeddings: IS_TEXT for every token, GROUND for ' phrases', NAMED(c) for the colour words. */
export function embedTokens(v: Florence2Vocab): Float32Array {
  const m = matrix(v.size, D_MODEL, (_, ch) => (ch === CH.isText ? 1 : 0));
  const flag = (token: string, ch: number) => (m[tokenId(v, token) * D_MODEL + ch] = 1);
  flag(GROUND_WORD, CH.ground);
  for (const c of COLOURS) for (const t of namedColourTokens(c)) flag(t, CH.named[c]);
  return m;
}

/**
 * Decoder: what it reads from each encoder state, READ_COLUMNS wide: the three colour flags, col, row, the GROUND
 * flag and the three NAMED flags.
 */
export const READ = { colours: 0, col: 3, row: 4, ground: 5, named: 6 } as const;
export const READ_COLUMNS = 9;

export function readChannels(): Float32Array {
  const source = [...COLOURS.map((c) => CH.colour[c]), CH.col, CH.row, CH.ground, ...COLOURS.map((c) => CH.named[c])];
  return matrix(D_MODEL, READ_COLUMNS, (ch, col) => (source[col] === ch ? 1 : 0));
}

/**
 * The answer, as K candidate tokens in a fixed order; the decoder writes the included ones in that order, then
 * `</s>` for ever. A candidate is included when its score f · rule > 0, where the fact vector f is
 * [1, ground, present(red), present(green), present(blue), named(red), named(green), named(blue)] (0/1 each) and
 * every rule is a threshold with a margin of 0.5. A loc candidate's token id also adds LOC_PER_PATCH times one of
 * the 12 box coordinates [col0 ×3, row0 ×3, col1 ×3, row1 ×3] (per colour, in patches).
 */
export const FACTS = 8;
export const FACT = { one: 0, ground: 1, present: 2, named: 5 } as const;
export const COORDS = 12;

export interface Candidate {
  /** the token id before any box coordinate */
  base: number;
  /** index into the 12 coordinates, or null */
  coord: number | null;
  /** FACTS coefficients */
  rule: number[];
}

export function answerCandidates(v: Florence2Vocab): Candidate[] {
  const out: Candidate[] = [];
  const add = (token: string, terms: Partial<Record<number, number>>, coord: number | null = null, offset = 0) => {
    const rule = Array.from({ length: FACTS }, (_, i) => terms[i] ?? 0);
    out.push({ base: tokenId(v, token) + offset, coord, rule });
  };
  const present = (c: Colour) => FACT.present + COLOURS.indexOf(c);
  const named = (c: Colour) => FACT.named + COLOURS.indexOf(c);
  const { one, ground } = FACT;
  // Caption (cap = 1 − ground): "a photo[ of something C1[ and something C2 …]]."
  const always = { [one]: 0.5 };
  const caption = { [one]: 0.5, [ground]: -1 }; // cap − 0.5
  add(BOS, always);
  add('a', caption);
  add('Ġphoto', caption);
  // 3·cap + Σ present − 3.5: a caption with at least one colour.
  add('Ġof', { [one]: -0.5, [ground]: -3, [present('red')]: 1, [present('green')]: 1, [present('blue')]: 1 });
  for (const c of COLOURS) {
    if (c === 'green') {
      // cap + present(green) + present(red) − 2.5
      add('Ġand', { [one]: -1.5, [ground]: -1, [present('green')]: 1, [present('red')]: 1 });
    } else if (c === 'blue') {
      // 2·cap + 2·present(blue) + present(red) + present(green) − 4.5
      add('Ġand', { [one]: -2.5, [ground]: -2, [present('blue')]: 2, [present('red')]: 1, [present('green')]: 1 });
    }
    // cap + present(c) − 1.5
    const listed = { [one]: -0.5, [ground]: -1, [present(c)]: 1 };
    add('Ġsomething', listed);
    add(`Ġ${c}`, listed);
  }
  add('.', caption);
  // Grounding: ground + present(c) + named(c) − 2.5, then the four loc tokens of c's box.
  for (const [i, c] of COLOURS.entries()) {
    const phrase = { [one]: -2.5, [ground]: 1, [present(c)]: 1, [named(c)]: 1 };
    add('Ġsomething', phrase);
    add(`Ġ${c}`, phrase);
    add('<loc_0>', phrase, i); // x1 = col0 · 125
    add('<loc_0>', phrase, 3 + i); // y1 = row0 · 125
    add('<loc_0>', phrase, 6 + i, LOC_PER_PATCH - 1); // x2 = (col1 + 1) · 125 − 1
    add('<loc_0>', phrase, 9 + i, LOC_PER_PATCH - 1); // y2 = (row1 + 1) · 125 − 1
  }
  add(EOS, always);
  return out;
}

/** [FACTS, K]: the candidates' rules as the columns of one matrix. */
export function answerRules(candidates: readonly Candidate[]): Float32Array {
  return matrix(FACTS, candidates.length, (f, k) => candidates[k].rule[f]);
}

/** Self-attention key/value projections of layer i (a channel rotation by i + 1 and its reverse): just to be real. */
export function selfProjection(layer: number, kind: 'key' | 'value'): Float32Array {
  const shift = (kind === 'key' ? 1 : -1) * (layer + 1);
  return matrix(D_MODEL, D_MODEL, (r, c) => ((r + shift + D_MODEL) % D_MODEL === c ? 1 : 0));
}

/** Cross-attention key/value projections: the encoder states as they are, or negated. */
export function crossProjection(kind: 'key' | 'value'): Float32Array {
  const sign = kind === 'key' ? 1 : -1;
  return matrix(D_MODEL, D_MODEL, (r, c) => (r === c ? sign : 0));
}
