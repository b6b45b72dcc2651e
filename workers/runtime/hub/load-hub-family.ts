/** The worker-side loader of each hub family (src/core/hub/hub-family.ts), imported only with a hub model. */
import type { HubFamily } from '../../../src/core/hub/hub-family';
import type { HubRepo } from '../../../src/core/hub/hub-repo';
import { loadVisionEncoderDecoder } from './encoder-decoder-model';
import { loadFlorence2 } from './florence2-model';
import { loadInstructionVlm } from './instruction-vlm-model';
import type { HubLoadOptions, LoadedHubModel } from './transformers-library';

const LOADERS: Record<HubFamily, (repo: HubRepo, options: HubLoadOptions) => Promise<LoadedHubModel>> = {
  'vision-encoder-decoder': loadVisionEncoderDecoder,
  florence2: loadFlorence2,
  'instruction-vlm': loadInstructionVlm,
};

export function loadHubFamily(family: HubFamily, repo: HubRepo, options: HubLoadOptions): Promise<LoadedHubModel> {
  return LOADERS[family](repo, options);
}
