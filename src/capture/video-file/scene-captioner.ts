/**
 * Captions one scene's frame through the views' CaptionService (the worker), in the shape src/core/video keeps:
 * the two captions, the regions in frame pixels, the named objects and any out-of-domain verdict.
 */
import type { CaptionService } from '../caption-service';
import type { SceneCaptioner } from '../../core/video/caption-video';
import type { VideoCaptionOptions } from '../../core/video/types';

export function sceneCaptioner(
  service: CaptionService,
  options: Pick<VideoCaptionOptions, 'style' | 'refine'>,
): SceneCaptioner<VideoFrame> {
  return async (frame, signal) => {
    // The service takes the frame (it is transferred to the worker and closed there, whatever happens).
    const { result } = await service.caption(frame, { style: options.style, refine: options.refine }, { signal });
    return {
      coarse: result.coarse.text,
      refined: options.refine ? (result.refined?.text ?? null) : null,
      regions: options.refine ? result.regions.map(({ x, y, w, h, score }) => ({ x, y, w, h, score })) : [],
      ...(result.objects ? { objects: result.objects } : {}),
      ...(result.outOfDomain ? { outOfDomain: result.outOfDomain } : {}),
    };
  };
}
