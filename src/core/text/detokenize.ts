/** Punctuation that attaches to the word before it (docs/model-format.md, "Text"). */
const ATTACHED = new Set([',', ':', '.']);

/** Joins caption tokens: single spaces between words, `,` `:` `.` glued to the previous word. */
export function joinTokens(tokens: readonly string[]): string {
  let text = '';
  for (const token of tokens) text += tokenDelta(text, token);
  return text;
}

/** What appending `token` adds to `textSoFar` (its leading space included), for streaming captions. */
export function tokenDelta(textSoFar: string, token: string): string {
  if (textSoFar === '' || ATTACHED.has(token)) return token;
  return ` ${token}`;
}
