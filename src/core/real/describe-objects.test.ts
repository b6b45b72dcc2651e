import { describe, expect, it } from 'vitest';
import { describeObjects, sizeWord } from './describe-objects';
import { paint, solidFrame } from './test-helpers';
import type { Detection } from './types';

const det = (label: string, score: number, box: Detection['box']): Detection => ({ classId: 0, label, score, box });

describe('sizeWord', () => {
  const frame = { width: 640, height: 480 };
  it('is small below 3 % of the frame, large above 30 %, nothing between', () => {
    expect(sizeWord('cup', { x: 0, y: 0, w: 60, h: 60 }, frame)).toBe('small'); // 1.2 %
    expect(sizeWord('cup', { x: 0, y: 0, w: 200, h: 200 }, frame)).toBeNull(); // 13 %
    expect(sizeWord('bus', { x: 0, y: 0, w: 500, h: 400 }, frame)).toBe('large'); // 65 %
  });

  it('never calls a person small or large, only close when filling the frame', () => {
    expect(sizeWord('person', { x: 0, y: 0, w: 30, h: 60 }, frame)).toBeNull();
    expect(sizeWord('person', { x: 0, y: 0, w: 500, h: 400 }, frame)).toBe('close');
    expect(sizeWord('person', { x: 200, y: 20, w: 150, h: 440 }, frame)).toBe('close'); // narrow but 92 % tall
  });
});

describe('describeObjects', () => {
  const frame = paint(solidFrame(600, 600, [128, 128, 128]), { x: 450, y: 450, w: 100, h: 100 }, [220, 38, 38]);
  paint(frame, { x: 0, y: 0, w: 600, h: 600 / 2 }, [220, 38, 38]); // the top half is red too

  it('places, sizes and colours objects, in reading order', () => {
    const objects = describeObjects(
      [det('car', 0.9, { x: 450, y: 450, w: 100, h: 100 }), det('cup', 0.7, { x: 20, y: 20, w: 50, h: 50 })],
      frame,
    );
    expect(objects.map((o) => [o.label, o.cell, o.size, o.colour, o.hedged])).toEqual([
      ['cup', 'top left', 'small', 'red', false],
      ['car', 'bottom right', 'small', 'red', false],
    ]);
  });

  it('never gives a person a colour, even on red pixels', () => {
    const [p] = describeObjects([det('person', 0.9, { x: 100, y: 0, w: 400, h: 300 })], frame);
    expect(p.colour).toBeNull();
    expect(p.notes).toEqual([]);
  });

  it('hedges between 0.3 and 0.5, drops below 0.3, merges duplicates', () => {
    const objects = describeObjects(
      [
        det('cat', 0.4, { x: 200, y: 200, w: 100, h: 100 }),
        det('cat', 0.45, { x: 205, y: 205, w: 100, h: 100 }),
        det('dog', 0.29, { x: 400, y: 200, w: 100, h: 100 }),
        det('bird', 0.5, { x: 400, y: 400, w: 100, h: 100 }),
      ],
      frame,
    );
    expect(objects.map((o) => [o.label, o.score, o.hedged])).toEqual([
      ['cat', 0.45, true],
      ['bird', 0.5, false],
    ]);
  });
});
