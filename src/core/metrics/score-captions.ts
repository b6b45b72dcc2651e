/**
 * The metrics' one entry point: COCO-style tokenisation, then BLEU-1..4 and CIDEr-D over a corpus, the way
 * pycocoevalcap's COCOEvalCap runs them (one candidate per image, any number of references).
 */
import { computeBleu, type BleuScores, type TokenisedImage } from './bleu';
import { computeCiderD } from './cider-d';
import { cocoTokenize } from './ptb-tokenize';

/** Scores of one image. BLEU here is the toolkit's per-image BLEU (its own brevity penalty). */
export interface ImageScores {
  bleu: BleuScores;
  ciderD: number;
}

/** Corpus scores (BLEU from summed counts, CIDEr-D as the mean over images) and every image's own scores. */
export interface CaptionScores<Id> {
  bleu: BleuScores;
  ciderD: number;
  perImage: Map<Id, ImageScores>;
}

/**
 * Scores one candidate caption per image against that image's reference captions. Both maps must hold the
 * same ids (the toolkit asserts the same) and every image at least one reference. Captions are raw text:
 * they are tokenised here, candidates and references alike.
 */
export function scoreCaptions<Id>(
  candidates: ReadonlyMap<Id, string>,
  references: ReadonlyMap<Id, readonly string[]>,
): CaptionScores<Id> {
  if (candidates.size === 0) throw new Error('scoreCaptions: no images to score');
  if (candidates.size !== references.size) {
    throw new Error(`scoreCaptions: ${candidates.size} candidates but ${references.size} reference sets`);
  }
  const ids = [...candidates.keys()];
  const images: TokenisedImage[] = ids.map((id) => {
    const imageReferences = references.get(id);
    if (imageReferences === undefined) throw new Error(`scoreCaptions: no references for image ${String(id)}`);
    if (imageReferences.length === 0) throw new Error(`scoreCaptions: image ${String(id)} has no references`);
    return {
      candidate: cocoTokenize(candidates.get(id) ?? ''),
      references: imageReferences.map(cocoTokenize),
    };
  });
  const bleu = computeBleu(images);
  const ciderD = computeCiderD(images);
  const perImage = new Map<Id, ImageScores>(
    ids.map((id, index) => [id, { bleu: bleu.perImage[index], ciderD: ciderD.perImage[index] }]),
  );
  return { bleu: bleu.corpus, ciderD: ciderD.corpus, perImage };
}
