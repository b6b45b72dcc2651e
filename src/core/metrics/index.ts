/** Caption metrics to the definitions of the COCO caption evaluation toolkit (see docs/metrics.md). */
export { scoreCaptions, type CaptionScores, type ImageScores } from './score-captions';
export { cocoTokenize, ptbTokens, COCO_REMOVED_TOKENS } from './ptb-tokenize';
export { computeBleu, type BleuScores, type TokenisedImage } from './bleu';
export { computeCiderD, CIDER_D_SIGMA } from './cider-d';
