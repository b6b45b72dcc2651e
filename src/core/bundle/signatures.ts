import type { InferenceBackend } from '../backend';
import { ModelFormatError } from '../errors';
import type { GlanceConfig } from './config';
import { PART_NAMES, type PartName, partPath } from './files';

/** Input and output names a part must have (docs/model-format.md, "The ONNX parts"). */
export interface PartSignature {
  inputs: string[];
  outputs: string[];
}

/** Names of the decoder's past inputs and present outputs, layer by layer. */
export function kvNames(numLayers: number): { past: string[]; present: string[] } {
  const past: string[] = [];
  const present: string[] = [];
  for (let i = 0; i < numLayers; i++) {
    past.push(`past_key_values.${i}.key`, `past_key_values.${i}.value`);
    present.push(`present.${i}.key`, `present.${i}.value`);
  }
  return { past, present };
}

/** The contract's signature of every part for this config. */
export function expectedSignatures(config: GlanceConfig): Record<PartName, PartSignature> {
  const { past, present } = kvNames(config.decoder.num_layers);
  return {
    vision_encoder: { inputs: ['pixel_values'], outputs: ['image_embeds', 'region_features'] },
    embed_tokens: { inputs: ['input_ids'], outputs: ['inputs_embeds'] },
    connector: { inputs: ['region_features', 'region_boxes', 'caption_embeds'], outputs: ['region_embeds'] },
    decoder_model_merged: {
      inputs: ['inputs_embeds', 'attention_mask', ...past],
      outputs: ['logits', ...present, 'saliency'],
    },
  };
}

/**
 * Checks every loaded part's input and output names against the contract. Missing inputs or outputs, and
 * inputs the engine would not know how to feed, are errors; extra outputs are tolerated (and released).
 */
export function checkSignatures(backend: InferenceBackend, config: GlanceConfig): void {
  const expected = expectedSignatures(config);
  for (const part of PART_NAMES) {
    let actual: { inputs: readonly string[]; outputs: readonly string[] };
    try {
      actual = backend.signature(part);
    } catch (error) {
      throw new ModelFormatError(`${partPath(part)}: not loaded (${(error as Error).message})`);
    }
    const problems: string[] = [];
    const missingIn = expected[part].inputs.filter((name) => !actual.inputs.includes(name));
    const extraIn = actual.inputs.filter((name) => !expected[part].inputs.includes(name));
    const missingOut = expected[part].outputs.filter((name) => !actual.outputs.includes(name));
    if (missingIn.length) problems.push(`missing inputs ${list(missingIn)}`);
    if (extraIn.length) problems.push(`unexpected inputs ${list(extraIn)}`);
    if (missingOut.length) problems.push(`missing outputs ${list(missingOut)}`);
    if (problems.length) {
      const layers = part === 'decoder_model_merged' ? ` (config.json says ${config.decoder.num_layers} layers)` : '';
      throw new ModelFormatError(`${partPath(part)}: ${problems.join('; ')}${layers}`);
    }
  }
}

function list(names: string[]): string {
  const shown = names.slice(0, 6).join(', ');
  return names.length > 6 ? `${shown} and ${names.length - 6} more` : shown;
}
