import { useCallback, useEffect, useReducer, useRef } from 'react';
import { isCancellation, type CaptionService } from '../../capture/caption-service';
import { checkImageFile, readHead } from './file-checks';
import { engineProblem, newCard, updateCardIn, type CardUpdate, type ImageCard } from './image-cards';
import { SerialQueue } from './serial-queue';

/** Images always get the full two-pass, detailed caption: that is what the view is for. */
const IMAGE_OPTIONS = { refine: true, style: 'detailed' } as const;

type Action =
  { type: 'add'; cards: ImageCard[] } | { type: 'update'; id: number; update: CardUpdate } | { type: 'clear' };

function reducer(cards: ImageCard[], action: Action): ImageCard[] {
  switch (action.type) {
    case 'add':
      return [...cards, ...action.cards];
    case 'update':
      return updateCardIn(cards, action.id, action.update);
    case 'clear':
      return [];
  }
}

/**
 * The Images view's batch: files become cards at once and are checked at once (size, signature); the good ones
 * are captioned one at a time in the order added. A file that fails shows its problem on its card; the rest go on.
 * Waits for `service` before each caption (null while the first model loads or the worker restarts after a
 * crash: the batch pauses and goes on); unmounting cancels the running job.
 */
export function useImageBatch(service: CaptionService | null) {
  const [cards, dispatch] = useReducer(reducer, []);
  const nextId = useRef(1);
  const queue = useRef(new SerialQueue());
  const controller = useRef(new AbortController());
  const urls = useRef(new Set<string>());
  // The newest service, and the jobs waiting for one.
  const latest = useRef<CaptionService | null>(service);
  const waiting = useRef<(() => void)[]>([]);

  useEffect(() => {
    latest.current = service;
    if (service) for (const wake of waiting.current.splice(0)) wake();
  }, [service]);

  const waitForService = useCallback(async (): Promise<CaptionService> => {
    while (!latest.current) await new Promise<void>((wake) => waiting.current.push(wake));
    return latest.current;
  }, []);

  useEffect(() => {
    // A fresh controller per mount: StrictMode mounts twice in development, and the first cleanup aborts.
    const jobs = controller;
    jobs.current = new AbortController();
    const allUrls = urls.current;
    return () => {
      jobs.current.abort();
      for (const url of allUrls) URL.revokeObjectURL(url);
    };
  }, []);

  /** Captions one checked file (runs inside the queue: one at a time). */
  const caption = useCallback(
    async (card: ImageCard, file: File) => {
      const update = (u: CardUpdate) => dispatch({ type: 'update', id: card.id, update: u });
      const captioner = await waitForService();
      const { signal } = controller.current;
      if (signal.aborted) return;
      update({ type: 'start' });
      try {
        const outcome = await captioner.caption(file, IMAGE_OPTIONS, {
          signal,
          // The card streams each pass word by word and names the stage it is at.
          events: ['stage', 'token'],
          onEvent: (event) => {
            if (event.type === 'stage') update({ type: 'stage', stage: event.stage });
            else if (event.type === 'token') update({ type: 'token', pass: event.pass, text: event.text });
          },
        });
        update({ type: 'done', outcome });
      } catch (error) {
        if (isCancellation(error) && signal.aborted) return;
        update({ type: 'error', problem: engineProblem(error) });
      }
    },
    [waitForService],
  );

  const add = useCallback(
    (files: readonly File[]) => {
      const added = files.map((file) => {
        const url = URL.createObjectURL(file);
        urls.current.add(url);
        return { card: newCard(nextId.current++, file, url), file };
      });
      dispatch({ type: 'add', cards: added.map((a) => a.card) });
      for (const { card, file } of added) {
        // Checked at once, outside the queue: a bad file gets its message without waiting for the images ahead.
        const problem = readHead(file)
          .catch(() => new Uint8Array())
          .then((head) => checkImageFile(file, head));
        void problem.then((p) => p && dispatch({ type: 'update', id: card.id, update: { type: 'error', problem: p } }));
        void queue.current.add(async () => {
          if (!(await problem)) await caption(card, file);
        });
      }
    },
    [caption],
  );

  const clear = useCallback(() => {
    queue.current.clear();
    controller.current.abort();
    controller.current = new AbortController();
    for (const url of urls.current) URL.revokeObjectURL(url);
    urls.current.clear();
    dispatch({ type: 'clear' });
  }, []);

  return { cards, add, clear };
}
