import { useEffect, useState } from 'react';

/** How long "Copied" shows before the button reads "Copy" again. */
const COPIED_FEEDBACK_MS = 1500;

/** Copies `text` to the clipboard; the button's own label says whether it worked (no separate toast). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), COPIED_FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // Clipboard access can be refused (no user activation, permissions policy); say so rather than pretend.
      setState('failed');
    }
  };
  return (
    <button type="button" className="button-small" onClick={copy} aria-label={label} disabled={!text}>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}</span>
    </button>
  );
}
