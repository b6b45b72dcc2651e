/**
 * The CaptionService the views use, over the bridge's CaptionerClient: the one file that adapts the two.
 */
import type { CaptionerClient } from '../bridge/captioner-client';
import type { CaptionService } from './caption-service';

export function bridgeCaptionService(client: Pick<CaptionerClient, 'caption'>): CaptionService {
  return {
    async caption(frame, options, call) {
      const { frame: facts, model, ...result } = await client.caption(frame, options, call);
      return { result, model, geometry: facts.geometry, frameWidth: facts.width, frameHeight: facts.height };
    },
  };
}
