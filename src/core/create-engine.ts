import type { InferenceBackend } from './backend';
import { createCaptioner, mmserEngine } from './captioner';
import type { CaptionEngine } from './engine';
import type { ModelFiles } from './bundle/loader';
import { createRealCaptioner } from './real/real-captioner';
import { createTokenizer } from './text/tokenizer';

/**
 * The engine for a downloaded bundle, by its model_type: the one place that knows every kind of captioner. The
 * backend must hold a session per part of `files` (ModelFormatError when the parts do not fit the contract).
 */
export function createEngine(files: ModelFiles, backend: InferenceBackend): CaptionEngine {
  if (files.kind === 'glance-detect') return createRealCaptioner(backend, files.config);
  const { config, tokenizerJson } = files;
  return mmserEngine(createCaptioner(backend, { config, tokenizer: createTokenizer(tokenizerJson, config) }));
}
