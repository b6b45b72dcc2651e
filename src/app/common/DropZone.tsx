import { useEffect, useRef, useState, type DragEvent } from 'react';

/**
 * Where images come in: a real button that opens the file picker (so keyboards and screen readers can use it),
 * which is also the drop target; pasting anywhere on the page adds pasted images too.
 */
export function DropZone({
  onFiles,
  acceptPastes = true,
}: {
  onFiles: (files: File[]) => void;
  /** Off while the Images view is hidden, so a paste on another page does not add images out of sight. */
  acceptPastes?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  useEffect(() => {
    if (!acceptPastes) return;
    const onPaste = (event: ClipboardEvent) => {
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length === 0) return;
      event.preventDefault();
      onFiles(files);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [onFiles, acceptPastes]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };

  return (
    <div className="drop-zone-wrap">
      <button
        type="button"
        className={`drop-zone ${over ? 'drop-zone-over' : ''}`}
        data-testid="drop-zone"
        onClick={() => input.current?.click()}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <span className="drop-zone-title">Choose images, or drop them here</span>
        <span className="drop-zone-hint">You can also paste images (Ctrl+V). Several at once are fine.</span>
      </button>
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        hidden
        data-testid="file-input"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Reset so choosing the same file again fires change again.
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
