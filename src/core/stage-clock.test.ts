import { describe, expect, it } from 'vitest';
import { cancelCheckOf, stageClock } from './stage-clock';

describe('stageClock', () => {
  it('times each stage as the next begins, reports stages, and sets the total at the end', () => {
    const stages: string[] = [];
    const clock = stageClock({ onStage: (s) => stages.push(s) }, () => false);
    clock.next('preprocess', 'encode');
    clock.next('encode', 'done');
    const timings = clock.finish();
    expect(stages).toEqual(['encode', 'done']);
    expect(timings.preprocess).toBeGreaterThanOrEqual(0);
    expect(timings.total).toBeGreaterThanOrEqual(timings.preprocess + timings.encode);
    expect(timings.lookAgain).toBe(0);
  });

  it('stops a cancelled job before its next stage is reported', () => {
    const stages: string[] = [];
    let cancelled = false;
    const clock = stageClock({ onStage: (s) => stages.push(s) }, cancelCheckOf({ isCancelled: () => cancelled }));
    clock.next('preprocess', 'encode');
    cancelled = true;
    expect(() => clock.next('encode', 'pass1')).toThrow(expect.objectContaining({ name: 'CancelledError' }));
    expect(stages).toEqual(['encode']);
  });

  it('reads either form of cancellation from the hooks', () => {
    expect(cancelCheckOf({ signal: { aborted: true } })()).toBe(true);
    expect(cancelCheckOf({ isCancelled: () => true })()).toBe(true);
    expect(cancelCheckOf({})()).toBe(false);
  });
});
