import { useState } from 'react';

/** True from the first render where `now` is true on (a place that, once opened, stays mounted). */
export function useVisited(now: boolean): boolean {
  const [visited, setVisited] = useState(now);
  if (now && !visited) setVisited(true);
  return visited || now;
}
