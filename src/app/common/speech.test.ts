import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaptionSpeaker, SPEECH_MARGIN_MS, SPEECH_MS_PER_CHAR, type SpeechOutput } from './speech';

/** A voice that records what it was asked to say and ends an utterance when the test says so. */
function fakeVoice() {
  const spoken: string[] = [];
  const pending: (() => void)[] = [];
  let cancels = 0;
  const output: SpeechOutput = {
    speak(text, done) {
      spoken.push(text);
      pending.push(done);
    },
    cancel() {
      cancels += 1;
    },
  };
  return { output, spoken, finish: () => pending.shift()?.(), cancels: () => cancels };
}

describe('CaptionSpeaker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('speaks a caption to its end, then the newest that came meanwhile', () => {
    const voice = fakeVoice();
    const speaker = new CaptionSpeaker(voice.output);
    speaker.say('Two people.');
    speaker.say('Three people.');
    speaker.say('Three people and a dog.');
    expect(voice.spoken).toEqual(['Two people.']);
    expect(voice.cancels()).toBe(0);
    voice.finish();
    expect(voice.spoken).toEqual(['Two people.', 'Three people and a dog.']);
    voice.finish();
    expect(voice.spoken).toHaveLength(2);
  });

  it('does not repeat what it has just said, nor what it is saying', () => {
    const voice = fakeVoice();
    const speaker = new CaptionSpeaker(voice.output);
    speaker.say('A cat.');
    speaker.say('A dog.');
    speaker.say('A cat.');
    voice.finish();
    expect(voice.spoken).toEqual(['A cat.']);
    speaker.say('A cat.');
    expect(voice.spoken).toEqual(['A cat.', 'A cat.']);
  });

  it('stops at once and forgets what waited; a late end of the silenced caption starts nothing', () => {
    const voice = fakeVoice();
    const speaker = new CaptionSpeaker(voice.output);
    speaker.say('A cat.');
    speaker.say('A dog.');
    speaker.stop();
    expect(voice.cancels()).toBe(1);
    voice.finish();
    expect(voice.spoken).toEqual(['A cat.']);
    speaker.say('A bird.');
    expect(voice.spoken).toEqual(['A cat.', 'A bird.']);
  });

  it('goes on when the browser never reports an end', () => {
    const voice = fakeVoice();
    const speaker = new CaptionSpeaker(voice.output);
    speaker.say('A cat.');
    speaker.say('A dog.');
    vi.advanceTimersByTime('A cat.'.length * SPEECH_MS_PER_CHAR + SPEECH_MARGIN_MS - 1);
    expect(voice.spoken).toEqual(['A cat.']);
    vi.advanceTimersByTime(1);
    expect(voice.spoken).toEqual(['A cat.', 'A dog.']);
    // The lost end arriving after all changes nothing.
    voice.finish();
    expect(voice.spoken).toEqual(['A cat.', 'A dog.']);
  });
});
