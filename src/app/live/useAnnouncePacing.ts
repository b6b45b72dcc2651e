import { useEffect, useRef, useState } from 'react';
import { NO_ANNOUNCEMENT, offerCaption, readUntil, releaseWaiting, type AnnouncePacing } from './announce-pacing';

/**
 * The text for the Live view's live region, paced (announce-pacing.ts): `count` increases with each new final
 * caption `text`; `flush` (paused) announces a waiting caption at once.
 */
export function useAnnouncePacing(text: string, count: number, flush: boolean): string {
  const [pacing, setPacing] = useState<AnnouncePacing>(NO_ANNOUNCEMENT);
  const lastCount = useRef(0);
  useEffect(() => {
    if (count === lastCount.current) return;
    lastCount.current = count;
    setPacing((p) => offerCaption(p, text, performance.now()));
  }, [text, count]);
  useEffect(() => {
    if (pacing.waiting === null) return;
    // Paused: at once (a timer of 0, so the state changes in a callback, not during the effect).
    const delay = flush ? 0 : Math.max(0, readUntil(pacing) - performance.now());
    const timer = setTimeout(() => setPacing((p) => releaseWaiting(p, performance.now())), delay);
    return () => clearTimeout(timer);
  }, [pacing, flush]);
  return pacing.announced;
}
