import type { CaptionHooks, CaptionPass } from '../caption-types';

/**
 * Reports a written caption through `onToken` word by word (each piece with its leading space, as the learned
 * model's tokens are), so the UI shows both kinds of captioner the same way. There are no token ids: -1.
 */
export function streamWords(text: string, pass: CaptionPass, hooks: CaptionHooks): void {
  if (!hooks.onToken) return;
  const words = text.split(' ');
  words.forEach((word, i) => hooks.onToken!(pass, i === 0 ? word : ` ${word}`, -1));
}
