import { useEffect, useRef, type RefObject } from 'react';
import type { CaptionOutcome } from '../../capture/caption-service';
import { drawOverlay, type OverlayLayers } from './draw-overlay';

/**
 * A canvas over a video or img (place both in a `position: relative` wrapper). Redraws when the caption, the
 * layers, the element's size or its picture's size change. Decorative for screen readers: the caption says it.
 */
export function Overlay({
  target,
  outcome,
  layers,
  testId,
}: {
  target: RefObject<HTMLVideoElement | HTMLImageElement | null>;
  outcome: CaptionOutcome | null;
  layers: OverlayLayers;
  testId?: string;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { heatmap, boxes, objects } = layers;
  useEffect(() => {
    const canvas = canvasRef.current;
    const element = target.current;
    if (!canvas || !element) return;
    const draw = () => {
      const drawn = drawOverlay(canvas, element, outcome, { heatmap, boxes, objects });
      canvas.dataset.drawn = JSON.stringify(drawn);
    };
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(element);
    // A video's picture size is known only after metadata, and can change mid-stream (camera switch).
    const events = ['loadedmetadata', 'resize', 'load'] as const;
    for (const name of events) element.addEventListener(name, draw);
    return () => {
      observer.disconnect();
      for (const name of events) element.removeEventListener(name, draw);
    };
  }, [target, outcome, heatmap, boxes, objects]);
  return <canvas ref={canvasRef} className="overlay" aria-hidden="true" data-testid={testId} />;
}
