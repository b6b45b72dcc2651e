/**
 * Draws the heat map, the region boxes and the named objects of a caption over a picture element (video or img),
 * in the element's displayed coordinate space: the canvas covers the element's box and the drawing follows its
 * object-fit.
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
  /** The objects the caption names, each boxed with its name (only captioners that know boxes report them). */
  objects: boolean;
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

/** What was drawn, in the element's CSS pixels: the picture's rectangle, each region box and each named object. */
export interface DrawnOverlay {
  picture: Rect | null;
  boxes: Rect[];
  /** `labelled`: its name was drawn (false where it would have covered another object's). */
  objects: (Rect & { name: string; hedged: boolean; labelled: boolean })[];
}

const REGION_COLOUR = '#35f0c8';
const OBJECT_COLOUR = '#ffd23f';

/** A rectangle drawn twice, dark and wide under bright and thin, so it shows on light and dark pictures alike. */
function outline(context: CanvasRenderingContext2D, r: Rect, colour: string, dashed: boolean): void {
  context.setLineDash(dashed ? [6, 4] : []);
  context.lineWidth = 4;
  context.strokeStyle = 'rgba(0, 0, 0, 0.7)';
  context.strokeRect(r.x, r.y, r.w, r.h);
  context.lineWidth = 2;
  context.strokeStyle = colour;
  context.strokeRect(r.x, r.y, r.w, r.h);
  context.setLineDash([]);
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * A label on a dark chip at the box's top left corner (inside it when the box touches the picture's top), unless
 * it would cover a chip already drawn (a crowd of small objects): then the box goes without its name. Returns the
 * chip drawn, or null.
 */
function chip(
  context: CanvasRenderingContext2D,
  r: Rect,
  text: string,
  colour: string,
  top: number,
  drawnChips: Rect[],
): Rect | null {
  const width = Math.ceil(context.measureText(text).width) + 8;
  const at = { x: r.x, y: r.y - 16 >= top ? r.y - 16 : r.y, w: width, h: 16 };
  if (drawnChips.some((c) => overlaps(c, at))) return null;
  context.fillStyle = 'rgba(0, 0, 0, 0.7)';
  context.fillRect(at.x, at.y, at.w, at.h);
  context.fillStyle = colour;
  context.fillText(text, at.x + 4, at.y + 12);
  drawnChips.push(at);
  return at;
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
  const drawn: DrawnOverlay = { picture: null, boxes: [], objects: [] };
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
  context.font = '600 12px system-ui, sans-serif';
  const objects = outcome.result.objects;
  if (layers.objects && objects) {
    // The objects of the caption shown: the refined one when there is one. Hedged ones dashed, with a "?";
    // sure ones first, so that where names would collide the sure ones keep theirs.
    const list = objects.refined ?? objects.coarse;
    const chips: Rect[] = [];
    for (const object of [...list.filter((o) => !o.hedged), ...list.filter((o) => o.hedged)]) {
      const r = placeRect(placement, object.box);
      const name = object.name ?? object.label;
      outline(context, r, OBJECT_COLOUR, object.hedged);
      const labelled = chip(context, r, object.hedged ? `${name}?` : name, OBJECT_COLOUR, drawn.picture.y, chips);
      drawn.objects.push({ ...r, name, hedged: object.hedged, labelled: labelled !== null });
    }
  }
  if (layers.boxes) {
    outcome.result.regions.forEach((region, i) => {
      const r = placeRect(placement, region);
      drawn.boxes.push(r);
      outline(context, r, REGION_COLOUR, false);
      const label = String(i + 1);
      context.fillStyle = 'rgba(0, 0, 0, 0.7)';
      context.fillRect(r.x, r.y, 16, 16);
      context.fillStyle = REGION_COLOUR;
      context.fillText(label, r.x + 4, r.y + 12);
    });
  }
  return drawn;
}
