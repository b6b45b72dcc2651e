import type { GlanceConfig } from '../bundle/config';
import { kvNames } from '../bundle/signatures';

/** What the decoding loop needs to know about the decoder part (from config.json). */
export interface DecoderSpec {
  numLayers: number;
  numHeads: number;
  headDim: number;
  hiddenSize: number;
  vocabSize: number;
  /** The decoder's position limit: decoding stops rather than feed position max_positions. */
  maxPositions: number;
  pastNames: string[];
  presentNames: string[];
}

export function decoderSpec(config: GlanceConfig): DecoderSpec {
  const { past, present } = kvNames(config.decoder.num_layers);
  return {
    numLayers: config.decoder.num_layers,
    numHeads: config.decoder.num_heads,
    headDim: config.decoder.head_dim,
    hiddenSize: config.decoder.hidden_size,
    vocabSize: config.decoder.vocab_size,
    maxPositions: config.decoder.max_positions,
    pastNames: past,
    presentNames: present,
  };
}
