/**
 * Tokenisation as the COCO caption toolkit (pycocoevalcap's PTBTokenizer) applies it before scoring: Stanford
 * CoreNLP's PTBTokenizer with `-preserveLines -lowerCase`, then removal of a fixed list of punctuation tokens.
 *
 * We have no Java, so this is a re-implementation of the PTB rules that matter for captions (see
 * docs/metrics.md for what is covered and what is simplified). Two toolkit quirks are kept on purpose:
 * - CoreNLP lowercases each token after lexing, so brackets come out as `-lrb-`, `-rrb-`, `-lsb-`, ... and the
 *   toolkit's removal list, written in upper case (`-LRB-`), never matches them: they stay as words.
 * - Only the listed tokens are removed; other symbols (`&`, `$`, `%`, `/`, ...) stay.
 */

/** The tokens pycocoevalcap drops after tokenising, exactly as its PUNCTUATIONS list spells them. */
export const COCO_REMOVED_TOKENS: ReadonlySet<string> = new Set([
  "''",
  "'",
  '``',
  '`',
  '-LRB-',
  '-RRB-',
  '-LCB-',
  '-RCB-',
  '.',
  '?',
  '!',
  ',',
  ':',
  '-',
  '--',
  '...',
  ';',
]);

const BRACKET_TOKENS: Readonly<Record<string, string>> = {
  '(': '-LRB-',
  ')': '-RRB-',
  '[': '-LSB-',
  ']': '-RSB-',
  '{': '-LCB-',
  '}': '-RCB-',
};

// Abbreviations whose final period PTB keeps inside the token (a small subset of CoreNLP's list).
const ABBREVIATIONS = 'mr|mrs|ms|dr|st|jr|sr|vs|etc|inc|ltd|mt|ft|approx';

/**
 * One alternation, tried left to right at each position. Order matters: acronyms and abbreviations before
 * plain words (so `u.s.` keeps its periods), words before single symbols. Letters are matched as Unicode
 * letters. Inside a word we allow `-` (PTB keeps `black-and-white` whole), `'` (split later into
 * contractions), `/`, `&` and `.` between letters or digits, and `,` or `:` between digits (`1,000`, `12:30`).
 */
const TOKEN_PATTERN = new RegExp(
  [
    String.raw`(?<space>\s+)`,
    String.raw`(?<acronym>(?:\p{L}\.){2,})`,
    String.raw`(?<abbrev>(?:${ABBREVIATIONS})\.)(?![\p{L}\p{N}])`,
    String.raw`(?<clitic>'(?:s|re|ve|ll|d|m)|n't)(?![\p{L}\p{N}])`,
    String.raw`(?<word>[\p{L}\p{N}]+(?:(?:[-'/&.]|(?<=\p{N})[,:](?=\p{N}))[\p{L}\p{N}]+)*)`,
    String.raw`(?<ellipsis>\.{2,})`,
    String.raw`(?<dashes>-{2,})`,
    String.raw`(?<quote>")`,
    String.raw`(?<other>.)`,
  ].join('|'),
  'gsu',
);

/** Maps typographic punctuation to the ASCII forms the PTB rules are written for. */
function normalisePunctuation(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/[\u2013\u2014\u2015]/g, '--');
}

/** Splits PTB contractions off a word: `don't` -> `do n't`, `dog's` -> `dog 's`, `cannot` -> `can not`. */
function splitContractions(word: string): string[] {
  if (word === 'cannot') return ['can', 'not'];
  const match = /^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$/.exec(word);
  return match ? [match[1], match[2]] : [word];
}

/**
 * PTB tokens of one caption, lowercased, before the toolkit's punctuation removal. Double quotes become
 * `` ` `` `` or `''` (opening or closing, as PTB decides by the preceding character) and brackets become
 * `-LRB-`-style tokens, which the lowercasing then turns into `-lrb-`.
 */
export function ptbTokens(caption: string): string[] {
  // Lowercasing first lets the (lowercase) contraction and abbreviation rules match any casing, as PTB's do.
  const text = normalisePunctuation(caption.replace(/\n/g, ' ')).toLowerCase();
  const tokens: string[] = [];
  let previousChar = ' ';
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const groups = match.groups ?? {};
    const piece = match[0];
    if (groups.word !== undefined) {
      tokens.push(...splitContractions(piece));
    } else if (groups.quote !== undefined) {
      tokens.push(/[\s([{]/.test(previousChar) ? '``' : "''");
    } else if (groups.ellipsis !== undefined) {
      tokens.push('...');
    } else if (groups.dashes !== undefined) {
      tokens.push('--');
    } else if (groups.other !== undefined) {
      // A lone apostrophe opens a quote after a space, otherwise it closes one (or marks `dogs'`).
      if (piece === "'") tokens.push(/[\s([{]/.test(previousChar) ? '`' : "'");
      else tokens.push(BRACKET_TOKENS[piece] ?? piece);
    } else if (groups.space === undefined) {
      tokens.push(piece);
    }
    previousChar = piece[piece.length - 1];
  }
  return tokens.map((token) => token.toLowerCase());
}

/** The tokens the COCO toolkit scores for one caption: PTB tokens minus its punctuation list. */
export function cocoTokenize(caption: string): string[] {
  return ptbTokens(caption).filter((token) => !COCO_REMOVED_TOKENS.has(token));
}
