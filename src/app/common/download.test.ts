import { describe, expect, it } from 'vitest';
import { timestampedName } from './download';

describe('timestampedName', () => {
  it('uses a filesystem-safe UTC timestamp', () => {
    expect(timestampedName('glance-live', Date.UTC(2026, 10, 5, 12, 3, 4), 'vtt')).toBe(
      'glance-live-2026-11-05T12-03-04.vtt',
    );
  });
});
