/**
 * The refined caption of a hub captioner's second look (DC2's "combine", training-free): the coarse caption,
 * then what the crops' captions add. A crop caption that names nothing new (every content word already in the
 * coarse caption or in a crop kept before it) is dropped, so the look never only repeats the glance.
 */

/** Words that carry no content of their own in captions ("a man sitting on a bench" -> man, sitting, bench). */
const FUNCTION_WORDS = new Set(
  (
    'a an the of on in at to with and or for from by near next its it is are there this that some ' +
    'photo picture image view close up closeup shot'
  ).split(' '),
);

/** Openings that describe the picture rather than its content; dropped from a crop's phrase. */
const OPENINGS =
  /^(?:(?:a|an|the)\s+)?(?:close[- ]?up\s+(?:photo\s+|picture\s+|image\s+)?|photo\s+|picture\s+|image\s+|view\s+)of\s+/i;

function contentWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w !== '' && !FUNCTION_WORDS.has(w));
}

/** A caption as a phrase to append: trimmed, without its picture-describing opening and final full stop. */
function asPhrase(caption: string): string {
  return caption
    .trim()
    .replace(OPENINGS, '')
    .replace(/[.\s]+$/, '');
}

export interface CombinedCaption {
  text: string;
  /** For each look, in order: whether it added something (false: it only repeated what was said). */
  kept: boolean[];
}

/** `coarse`, plus "Closer: <phrase>; <phrase>." for the looks that name something new. */
export function combineCaptions(coarse: string, looks: readonly string[]): CombinedCaption {
  const said = new Set(contentWords(coarse));
  const phrases: string[] = [];
  const kept = looks.map((look) => {
    const words = contentWords(look);
    const fresh = words.filter((w) => !said.has(w));
    const phrase = asPhrase(look);
    if (fresh.length === 0 || phrase === '') return false;
    for (const w of words) said.add(w);
    phrases.push(phrase);
    return true;
  });
  const base = coarse.trim();
  if (phrases.length === 0) return { text: base, kept };
  const stop = /[.!?]$/.test(base) ? '' : '.';
  return { text: `${base}${stop} Closer: ${phrases.join('; ')}.`, kept };
}
