/**
 * Reads captions aloud with the Web Speech API. A new caption interrupts the one being spoken: a stale
 * description of a scene that has changed is worse than none.
 */
export function speechAvailable(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function';
}

export function speak(text: string): void {
  if (!speechAvailable() || !text) return;
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
}

export function stopSpeaking(): void {
  if (speechAvailable()) window.speechSynthesis.cancel();
}
