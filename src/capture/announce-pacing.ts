/**
 * How often a live caption's screen-reader region changes (the Live view's, the embed widget's in camera mode). A busy scene finishes a new caption every second or so,
 * and a polite live region queues each change behind what the screen reader is saying: a queue that grows
 * faster than it is read, of descriptions already stale. So a caption replaces the announced one only once that one
 * has had time to be read (its length at a brisk screen-reader rate); meanwhile the newest caption waits, replacing
 * any older one waiting, and is announced when the time is up. Pausing announces the waiting one at once (the
 * scene the user paused on).
 */

/** A screen reader at about 200 words a minute reads a character in this many ms (six characters a word). */
export const ANNOUNCE_MS_PER_CHAR = 50;
/** However short the caption, announcements are at least this far apart. */
export const ANNOUNCE_MIN_GAP_MS = 2000;

export interface AnnouncePacing {
  /** What the region says now, and since when. */
  announced: string;
  at: number;
  /** The newest caption not yet announced. */
  waiting: string | null;
}

export const NO_ANNOUNCEMENT: AnnouncePacing = { announced: '', at: -Infinity, waiting: null };

/** When the announced text has had its time to be read. */
export function readUntil(p: AnnouncePacing): number {
  return p.at + Math.max(ANNOUNCE_MIN_GAP_MS, p.announced.length * ANNOUNCE_MS_PER_CHAR);
}

/** A new final caption at `now`: announced at once if the last one has been read, else it waits. */
export function offerCaption(p: AnnouncePacing, text: string, now: number): AnnouncePacing {
  if (!text || text === p.announced) return { ...p, waiting: null };
  if (now >= readUntil(p)) return { announced: text, at: now, waiting: null };
  return { ...p, waiting: text };
}

/** The waiting caption announced (its time has come, or the user paused); unchanged when none waits. */
export function releaseWaiting(p: AnnouncePacing, now: number): AnnouncePacing {
  return p.waiting === null ? p : { announced: p.waiting, at: now, waiting: null };
}
