import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { swapEntries, TEST_ENTRIES } from './test-build-plugin';

describe('swapEntries', () => {
  it("gives each page the test build's entry", () => {
    for (const [page, entry] of [
      ['index.html', '/src/testing/app-main.tsx'],
      ['embed.html', '/src/testing/embed-main.tsx'],
    ]) {
      const html = readFileSync(page, 'utf8');
      const swapped = swapEntries(html, page);
      expect(swapped).toContain(`<script type="module" src="${entry}"></script>`);
      expect(swapped.replace(entry, '')).not.toMatch(/src="\/src\//);
    }
  });

  it('swaps only the known entries and refuses a page without one', () => {
    expect(Object.keys(TEST_ENTRIES)).toEqual(['/src/main.tsx', '/src/embed/main.tsx']);
    expect(() => swapEntries('<script type="module" src="/src/other.tsx"></script>', 'x.html')).toThrow(
      /x\.html: expected one entry script/,
    );
  });
});
