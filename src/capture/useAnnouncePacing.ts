import { useEffect, useRef, useState } from 'react';
import { NO_ANNOUNCEMENT, offerCaption, readUntil, releaseWaiting, type AnnouncePacing } from './announce-pacing';

/**
 * The text for a live caption's screen-reader region, paced (announce-pacing.ts): each new `text` is offered;
 * `flush` (paused) announces a waiting caption at once. Give it final captions only, never a token stream.
 */
export function useAnnouncePacing(text: string, flush: boolean): string {
  const [pacing, setPacing] = useState<AnnouncePacing>(NO_ANNOUNCEMENT);
  const offered = useRef('');
  useEffect(() => {
    if (text === offered.current) return;
    offered.current = text;
    setPacing((p) => offerCaption(p, text, performance.now()));
  }, [text]);
  useEffect(() => {
    if (pacing.waiting === null) return;
    // Paused: at once (a timer of 0, so the state changes in a callback, not during the effect).
    const delay = flush ? 0 : Math.max(0, readUntil(pacing) - performance.now());
    const timer = setTimeout(() => setPacing((p) => releaseWaiting(p, performance.now())), delay);
    return () => clearTimeout(timer);
  }, [pacing, flush]);
  return pacing.announced;
}
