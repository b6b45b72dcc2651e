import { describe, expect, it } from 'vitest';
import { routeFromHash } from './routes';

describe('routeFromHash', () => {
  it('maps #/id and #id to a place', () => {
    expect(routeFromHash('#/images')).toBe('images');
    expect(routeFromHash('#embed')).toBe('embed');
  });

  it('lands unknown or empty hashes on Live', () => {
    expect(routeFromHash('')).toBe('live');
    expect(routeFromHash('#/nope')).toBe('live');
    expect(routeFromHash('#/')).toBe('live');
  });
});
