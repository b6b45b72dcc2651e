import { useEffect, useRef } from 'react';
import type { CaptionOutcome } from '../../capture/caption-service';
import type { OverlayLayers } from '../common/draw-overlay';
import { Overlay } from '../common/Overlay';

/**
 * One captioned image as large as the window allows, with the same overlay layers as its card (a thumbnail's
 * object names crowd each other), and its caption. A modal <dialog>: Escape or Close shuts it and focus goes back
 * to the button that opened it.
 */
export function PictureDialog({
  name,
  url,
  caption,
  outcome,
  layers,
  onClose,
}: {
  name: string;
  url: string;
  caption: string;
  outcome: CaptionOutcome | null;
  layers: OverlayLayers;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const img = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    return () => {
      if (element.open) element.close();
      opener?.focus();
    };
  }, []);
  const titleId = `picture-dialog-${name}`;
  return (
    <dialog
      ref={dialog}
      className="picture-dialog"
      aria-labelledby={titleId}
      data-testid="picture-dialog"
      onClose={onClose}
    >
      <div className="picture-dialog-head">
        <h3 id={titleId}>{name}</h3>
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      <div className="picture-dialog-picture">
        {/* The caption below says what the picture shows. */}
        <img ref={img} src={url} alt="" />
        <Overlay target={img} outcome={outcome} layers={layers} testId="picture-dialog-overlay" />
      </div>
      {caption && <p data-testid="picture-dialog-caption">{caption}</p>}
    </dialog>
  );
}
