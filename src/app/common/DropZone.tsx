import { useEffect, useRef, useState, type DragEvent } from 'react';

/**
 * Where files come in (images in Images, a video in Video): a real button that opens the file picker (so keyboards
 * and screen readers can use it), which is also the drop target; pasting anywhere on the page adds pasted files too.
 */
export function DropZone({
  onFiles,
  acceptPastes = true,
  title = 'Choose images, or drop them here',
  hint = 'You can also paste images (Ctrl+V). Several at once are fine.',
  accept = 'image/*',
  multiple = true,
  disabled = false,
}: {
  onFiles: (files: File[]) => void;
  /** Off while the view is hidden, so a paste on another page does not add files out of sight. */
  acceptPastes?: boolean;
  title?: string;
  hint?: string;
  /** The file picker's filter (a drop or paste can still bring anything: the view checks what it gets). */
  accept?: string;
  multiple?: boolean;
  /** No files taken (the model is not ready); the button says why through `hint`. */
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  useEffect(() => {
    if (!acceptPastes || disabled) return;
    const onPaste = (event: ClipboardEvent) => {
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length === 0) return;
      event.preventDefault();
      onFiles(files);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [onFiles, acceptPastes, disabled]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };

  return (
    <div className="drop-zone-wrap">
      <button
        type="button"
        className={`drop-zone ${over ? 'drop-zone-over' : ''}`}
        data-testid="drop-zone"
        disabled={disabled}
        onClick={() => input.current?.click()}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <span className="drop-zone-title">{title}</span>
        <span className="drop-zone-hint">{hint}</span>
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        multiple={multiple}
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
