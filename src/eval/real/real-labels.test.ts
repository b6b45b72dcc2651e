import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COCO_CLASSES,
  countByClass,
  countMatches,
  loadRealLabels,
  mentionSets,
  parseRealLabels,
  photosOfSplit,
  realPhotoFile,
  RealLabelsError,
  smallObjects,
  type RealPhoto,
} from './real-labels';

const SHA = 'a'.repeat(64);

function photo(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'p1',
    package: 'darknet',
    path: 'usr/share/darknet/data/p1.jpg',
    sha256: SHA,
    width: 1024,
    height: 512,
    split: 'tune',
    objects: [{ label: 'dog', box: [10, 10, 100, 80] }],
    ...over,
  };
}

const file = (...photos: Record<string, unknown>[]): unknown => ({ about: 'test', version: 1, photos });
const parsed = (p: Record<string, unknown>): RealPhoto => parseRealLabels(file(p)).photos[0];

describe('parseRealLabels', () => {
  it('accepts a well-formed file and keeps the optional fields', () => {
    const labels = parseRealLabels(
      file(
        photo({
          objects: [
            { label: 'person', box: [0, 0, 1024, 200], crowd: true, count: 30 },
            { label: 'bird', box: [5, 5, 4, 4], ignore: true },
          ],
        }),
        photo({ id: 'p2', split: 'report', objects: [], note: 'a baboon (not a COCO class)' }),
      ),
    );
    expect(labels.photos.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(labels.photos[0].objects[0]).toEqual({ label: 'person', box: [0, 0, 1024, 200], crowd: true, count: 30 });
    expect(labels.photos[0].objects[1].ignore).toBe(true);
    expect(labels.photos[1].note).toContain('baboon');
  });

  it.each([
    ['an unknown class name', photo({ objects: [{ label: 'squirrel', box: [0, 0, 5, 5] }] }), /squirrel.*80 COCO/],
    [
      'a box past the right edge',
      photo({ objects: [{ label: 'dog', box: [1000, 0, 30, 5] }] }),
      /outside the 1024x512/,
    ],
    ['a box above the top', photo({ objects: [{ label: 'dog', box: [0, -1, 30, 5] }] }), /outside/],
    ['a box with no area', photo({ objects: [{ label: 'dog', box: [0, 0, 0, 5] }] }), /no area/],
    ['a box of 3 numbers', photo({ objects: [{ label: 'dog', box: [0, 0, 5] }] }), /\[x, y, w, h\]/],
    ['a crowd without count', photo({ objects: [{ label: 'person', box: [0, 0, 5, 5], crowd: true }] }), /count/],
    [
      'a count without crowd',
      photo({ objects: [{ label: 'person', box: [0, 0, 5, 5], count: 3 }] }),
      /only for a crowd/,
    ],
    [
      'a misspelt field',
      photo({ objects: [{ label: 'dog', box: [0, 0, 5, 5], ignored: true }] }),
      /unknown field.*ignored/,
    ],
    ['a bad split', photo({ split: 'test' }), /split/],
    ['a bad sha256', photo({ sha256: 'xyz' }), /sha256/],
    ['no objects and no note', photo({ objects: [] }), /note/],
  ])('rejects %s', (_what, p, message) => {
    expect(() => parseRealLabels(file(p))).toThrow(RealLabelsError);
    expect(() => parseRealLabels(file(p))).toThrow(message);
  });

  it('rejects a duplicate id, naming it', () => {
    expect(() => parseRealLabels(file(photo(), photo()))).toThrow(/duplicate photo id "p1"/);
  });

  it('rejects a wrong version and a missing photos array', () => {
    expect(() => parseRealLabels({ version: 2, photos: [] })).toThrow(/version/);
    expect(() => parseRealLabels({ version: 1 })).toThrow(/photos/);
  });
});

describe('smallObjects', () => {
  it('measures the longer side after fitting the photo into the Glance square', () => {
    // 1024 wide -> scale 0.5 at 512: 62 px is 31 (small), 64 px is 32 (not small).
    const p = parsed(
      photo({
        objects: [
          { label: 'bird', box: [0, 0, 62, 10] },
          { label: 'bird', box: [100, 0, 64, 10] },
          { label: 'bird', box: [200, 0, 10, 10], ignore: true },
          { label: 'person', box: [0, 100, 20, 20], crowd: true, count: 5 },
        ],
      }),
    );
    expect(smallObjects(p).map((o) => o.box[0])).toEqual([0]);
    // At 1024 nothing is scaled: 62 and 64 are both large.
    expect(smallObjects(p, 1024)).toEqual([]);
  });

  it('scales small photos up', () => {
    const p = parsed(photo({ width: 256, height: 256, objects: [{ label: 'cup', box: [0, 0, 15, 15] }] }));
    expect(smallObjects(p)).toHaveLength(1); // 15 * 2 = 30 < 32
    expect(smallObjects(p, 1024)).toHaveLength(0);
  });
});

describe('countByClass', () => {
  const p = parsed(
    photo({
      objects: [
        { label: 'person', box: [0, 0, 10, 10] },
        { label: 'dog', box: [0, 0, 10, 10] },
        { label: 'person', box: [20, 0, 10, 10] },
        { label: 'person', box: [40, 0, 10, 10], ignore: true },
        { label: 'kite', box: [40, 0, 3, 3], ignore: true },
        { label: 'bird', box: [0, 0, 100, 100], crowd: true, count: 12 },
      ],
    }),
  );

  it('gives the range a caption may claim per class, in COCO order', () => {
    expect(countByClass(p)).toEqual([
      { label: 'person', min: 2, max: 3, crowd: false },
      { label: 'bird', min: 0, max: Infinity, crowd: true },
      { label: 'dog', min: 1, max: 1, crowd: false },
      { label: 'kite', min: 0, max: 1, crowd: false },
    ]);
  });

  it('matches counts against that range', () => {
    expect(countMatches(p, 'person', 2)).toBe(true);
    expect(countMatches(p, 'person', 3)).toBe(true);
    expect(countMatches(p, 'person', 1)).toBe(false);
    expect(countMatches(p, 'person', 4)).toBe(false);
    expect(countMatches(p, 'kite', 0)).toBe(true);
    expect(countMatches(p, 'bird', 40)).toBe(true);
    expect(countMatches(p, 'cat', 0)).toBe(true);
    expect(countMatches(p, 'cat', 1)).toBe(false);
  });

  it('says which classes must and may be named', () => {
    expect(mentionSets(p)).toEqual({ must: ['person', 'bird', 'dog'], may: ['person', 'bird', 'dog', 'kite'] });
  });
});

describe('the committed labels.json', () => {
  const labels = loadRealLabels();
  const manifest = JSON.parse(readFileSync('scripts/real-photos/manifest.json', 'utf8')) as {
    files: { id: string; path: string; sha256: string; out: string }[];
  };

  it('validates, uses only the 80 COCO names, and has every split with none-photos in each', () => {
    const coco = new Set<string>(COCO_CLASSES);
    expect(COCO_CLASSES).toHaveLength(80);
    expect(coco.size).toBe(80);
    for (const p of labels.photos) for (const o of p.objects) expect(coco.has(o.label)).toBe(true);
    for (const split of ['tune', 'report'] as const) {
      const part = photosOfSplit(labels, split);
      expect(part.length).toBeGreaterThanOrEqual(12);
      expect(part.filter((p) => p.objects.length === 0).length).toBeGreaterThanOrEqual(4);
      expect(part.some((p) => smallObjects(p).length > 0)).toBe(true);
      expect(part.some((p) => p.objects.some((o) => o.label === 'person'))).toBe(true);
    }
    // The holdout: photos labelled after the choices (scikit-image's and matplotlib's, then opencv-doc's that no
    // other split has a view of), more than half of them with none of the 80 classes (false alarms).
    const holdout = photosOfSplit(labels, 'holdout');
    expect(holdout.length).toBeGreaterThanOrEqual(21);
    expect(holdout.filter((p) => p.objects.length === 0).length).toBeGreaterThanOrEqual(13);
    expect(new Set(holdout.map((p) => p.package))).toEqual(
      new Set(['python3-skimage', 'python-matplotlib-data', 'opencv-doc']),
    );
    expect(labels.photos.every((p) => ['tune', 'report', 'holdout'].includes(p.split))).toBe(true);
  });

  it('agrees with the fetch manifest on every photo path and sha256', () => {
    for (const p of labels.photos) {
      const m = manifest.files.find((f) => f.id === p.id);
      expect(m, p.id).toBeDefined();
      expect(m?.path).toBe(p.path);
      expect(m?.sha256).toBe(p.sha256);
      expect(realPhotoFile(p)).toBe(`.cache/real-photos/${m?.out}`);
    }
  });

  it('matches the fetched photos when they are there', () => {
    for (const p of labels.photos) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(realPhotoFile(p));
      } catch {
        continue; // npm run photos:real has not run here
      }
      expect(createHash('sha256').update(bytes).digest('hex'), p.id).toBe(p.sha256);
    }
  });
});
