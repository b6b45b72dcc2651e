import { type CancelCheck, throwIfCancelled } from '../../../src/core/decode/cancel';

/**
 * Sees every decoding step of transformers.js's `generate` (which only calls `put` and `end`): stops it when the
 * job is cancelled (an exception thrown from `put` ends the generation loop), and streams the first sequence's
 * new text as pieces whose concatenation is the caption without its leading space.
 */
export class StepStreamer {
  private readonly ids: number[] = [];
  private shown = '';
  private prompt = true;

  constructor(
    private readonly cancel: CancelCheck | undefined,
    private readonly decode: ((ids: number[]) => string) | undefined,
    private readonly onPiece: ((piece: string, token: number) => void) | undefined,
  ) {}

  put(value: bigint[][]): void {
    throwIfCancelled(this.cancel, 'decoding');
    // generate() first reports the prompt: the decoder's start token(s), or a decoder-only model's whole prompt.
    if (this.prompt) {
      this.prompt = false;
      return;
    }
    if (!this.decode || !this.onPiece) return;
    const token = Number(value[0][0]);
    this.ids.push(token);
    const text = this.decode(this.ids).trimStart();
    if (text.length > this.shown.length && text.startsWith(this.shown)) {
      this.onPiece(text.slice(this.shown.length), token);
      this.shown = text;
    }
  }

  end(): void {
    throwIfCancelled(this.cancel, 'decoding');
  }
}
