/**
 * Draws the heat map and region boxes of a caption over a picture element (video or img), in the element's
 * displayed coordinate space: the canvas covers the element's box and the drawing follows its object-fit.
 */
import type { Rect } from '../../core/image/fit';
import type { CaptionOutcome } from '../../capture/caption-service';
import {
  heatCells,
  heatColour,
  objectFitPlacement,
  placeRect,
  type ObjectFit,
  type Placement,
} from './overlay-geometry';

export interface OverlayLayers {
  heatmap: boolean;
  boxes: boolean;
}

/** The picture's intrinsic size as the element shows it. */
function intrinsicSize(element: HTMLVideoElement | HTMLImageElement): { width: number; height: number } {
  return element instanceof HTMLVideoElement
    ? { width: element.videoWidth, height: element.videoHeight }
    : { width: element.naturalWidth, height: element.naturalHeight };
}

/** Frame pixels -> the element's CSS pixels; the frame may have been captioned at another size than shown. */
export function framePlacement(
  element: HTMLVideoElement | HTMLImageElement,
  outcome: CaptionOutcome,
): Placement | null {
  const shown = intrinsicSize(element);
  if (!shown.width || !shown.height || !outcome.frameWidth || !outcome.frameHeight) return null;
  const fit = (getComputedStyle(element).objectFit || 'fill') as ObjectFit;
  const box = { width: element.clientWidth, height: element.clientHeight };
  const p = objectFitPlacement(fit, box, shown);
  return {
    x: p.x,
    y: p.y,
    sx: (p.sx * shown.width) / outcome.frameWidth,
    sy: (p.sy * shown.height) / outcome.frameHeight,
  };
}

/** What was drawn, in the element's CSS pixels: the picture's rectangle and each region box. */
export interface DrawnOverlay {
  picture: Rect | null;
  boxes: Rect[];
}

/**
 * Sizes the canvas to the element (device pixels, for sharp lines) and draws; clears when there is nothing.
 * Returns what it drew, which the canvas also carries as data-drawn for the e2e suite.
 */
export function drawOverlay(
  canvas: HTMLCanvasElement,
  element: HTMLVideoElement | HTMLImageElement,
  outcome: CaptionOutcome | null,
  layers: OverlayLayers,
): DrawnOverlay {
  const drawn: DrawnOverlay = { picture: null, boxes: [] };
  const dpr = window.devicePixelRatio || 1;
  const width = element.clientWidth;
  const height = element.clientHeight;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.width = Math.max(1, Math.round(width * dpr));
  canvas.height = Math.max(1, Math.round(height * dpr));
  const context = canvas.getContext('2d');
  if (!context) return drawn;
  context.setTransform(dpr, 0, 0, dpr, 0, 0);
  context.clearRect(0, 0, width, height);
  if (!outcome) return drawn;
  const placement = framePlacement(element, outcome);
  if (!placement) return drawn;
  drawn.picture = placeRect(placement, { x: 0, y: 0, w: outcome.frameWidth, h: outcome.frameHeight });

  if (layers.heatmap && outcome.geometry) {
    for (const cell of heatCells(outcome.result.saliency, outcome.geometry)) {
      const r = placeRect(placement, cell.rect);
      context.fillStyle = heatColour(cell.level);
      context.fillRect(r.x, r.y, r.w, r.h);
    }
  }
  if (layers.boxes) {
    context.font = '600 12px system-ui, sans-serif';
    outcome.result.regions.forEach((region, i) => {
      const r = placeRect(placement, region);
      drawn.boxes.push(r);
      // A dark outline under a bright line stays visible on light and dark pictures alike.
      context.lineWidth = 4;
      context.strokeStyle = 'rgba(0, 0, 0, 0.7)';
      context.strokeRect(r.x, r.y, r.w, r.h);
      context.lineWidth = 2;
      context.strokeStyle = '#35f0c8';
      context.strokeRect(r.x, r.y, r.w, r.h);
      const label = String(i + 1);
      context.fillStyle = 'rgba(0, 0, 0, 0.7)';
      context.fillRect(r.x, r.y, 16, 16);
      context.fillStyle = '#35f0c8';
      context.fillText(label, r.x + 4, r.y + 12);
    });
  }
  return drawn;
}
