/**
 * Reads live captions aloud with the Web Speech API. A caption is spoken to its end: a live scene's caption
 * changes every second or so (each refined caption a frame finishes), and interrupting each with the next left the
 * listener with nothing but first words. While one is spoken the newest caption waits, replacing any older one
 * waiting (a stale description is worse than none); when the voice falls silent it is spoken, unless it says what
 * was just said.
 */
export function speechAvailable(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function';
}

/** The parts of the Web Speech API the speaker uses (a fake in unit tests). */
export interface SpeechOutput {
  speak(text: string, done: () => void): void;
  cancel(): void;
}

/**
 * If the browser never reports the end of an utterance (a voice that fails without an `end` or `error` event must
 * not silence the speaker for good), the speaker counts it as ended after this long per character plus a margin:
 * slower than a slow voice (about 110 words a minute).
 */
export const SPEECH_MS_PER_CHAR = 90;
export const SPEECH_MARGIN_MS = 3000;

export class CaptionSpeaker {
  private speaking: { text: string; token: number } | null = null;
  private waiting: string | null = null;
  private token = 0;
  private watchdog: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly output: SpeechOutput) {}

  /** Speak `text` now if silent, else when the current caption ends. */
  say(text: string): void {
    if (!text) return;
    if (this.speaking) {
      this.waiting = text === this.speaking.text ? null : text;
      return;
    }
    this.start(text);
  }

  /** Silence now, and forget what was waiting. */
  stop(): void {
    this.waiting = null;
    this.speaking = null;
    this.token += 1;
    this.clearWatchdog();
    this.output.cancel();
  }

  private start(text: string): void {
    const token = ++this.token;
    this.speaking = { text, token };
    const done = () => this.ended(token);
    this.clearWatchdog();
    this.watchdog = setTimeout(done, text.length * SPEECH_MS_PER_CHAR + SPEECH_MARGIN_MS);
    this.output.speak(text, done);
  }

  private ended(token: number): void {
    if (!this.speaking || this.speaking.token !== token) return;
    this.clearWatchdog();
    const said = this.speaking.text;
    this.speaking = null;
    const next = this.waiting;
    this.waiting = null;
    if (next !== null && next !== said) this.start(next);
  }

  private clearWatchdog(): void {
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = null;
  }
}

/** The browser's voice as a SpeechOutput (an error ends an utterance as its end does). */
export function browserSpeech(): SpeechOutput {
  return {
    speak(text, done) {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.onend = done;
      utterance.onerror = done;
      window.speechSynthesis.speak(utterance);
    },
    cancel() {
      window.speechSynthesis.cancel();
    },
  };
}
