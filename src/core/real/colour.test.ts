import { describe, expect, it } from 'vitest';
import { looksLikeSkin, nameColour, objectColour, torsoColour } from './colour';
import { paint, solidFrame } from './test-helpers';

describe('nameColour', () => {
  it.each([
    [[220, 38, 38], 'red'],
    [[245, 135, 20], 'orange'],
    [[245, 215, 35], 'yellow'],
    [[40, 165, 60], 'green'],
    [[40, 90, 225], 'blue'],
    [[135, 55, 200], 'purple'],
    [[245, 130, 195], 'pink'],
    [[135, 82, 38], 'brown'],
    [[235, 235, 230], 'white'],
    [[128, 128, 128], 'gray'],
    [[20, 20, 25], 'black'],
    [[10, 10, 120], 'blue'], // dark navy is still blue, not black
  ] as const)('%j is %s', (rgb, name) => {
    expect(nameColour(rgb[0], rgb[1], rgb[2])).toBe(name);
  });
});

describe('objectColour', () => {
  it('reads the centre of the box, not the background around the object', () => {
    const frame = paint(solidFrame(200, 200, [128, 128, 128]), { x: 60, y: 60, w: 80, h: 80 }, [220, 38, 38]);
    // The box is larger than the red square: its edges are gray, its central half red.
    expect(objectColour(frame, { x: 40, y: 40, w: 120, h: 120 })).toBe('red');
  });

  it('says nothing when the pixels are mixed (half red, half blue)', () => {
    const frame = paint(solidFrame(200, 200, [40, 90, 225]), { x: 0, y: 0, w: 100, h: 200 }, [220, 38, 38]);
    expect(objectColour(frame, { x: 0, y: 0, w: 200, h: 200 })).toBeNull();
  });

  it('keeps a dominant colour under scattered noise', () => {
    const frame = solidFrame(100, 100, [40, 165, 60]);
    for (let i = 0; i < 100 * 100; i += 7) frame.data.set([250, 250, 250], i * 4); // 1 pixel in 7 white
    expect(objectColour(frame, { x: 0, y: 0, w: 100, h: 100 })).toBe('green');
  });

  it('clips a box that leaves the frame and returns null for an empty one', () => {
    const frame = solidFrame(50, 50, [40, 90, 225]);
    expect(objectColour(frame, { x: 20, y: 20, w: 60, h: 60 })).toBe('blue');
    expect(objectColour(frame, { x: 60, y: 60, w: 10, h: 10 })).toBeNull();
  });
});

describe('torsoColour', () => {
  it('names a shirt', () => {
    expect(torsoColour(solidFrame(40, 40, [40, 90, 225]), { x: 0, y: 0, w: 40, h: 40 })).toBe('blue');
  });

  it.each([[[224, 172, 140]], [[141, 85, 36]], [[255, 219, 172]], [[198, 134, 66]]] as const)(
    'never names skin %j',
    (rgb) => {
      expect(looksLikeSkin(rgb[0], rgb[1], rgb[2])).toBe(true);
      expect(torsoColour(solidFrame(40, 40, rgb), { x: 0, y: 0, w: 40, h: 40 })).toBeNull();
    },
  );

  it('says nothing when a quarter of the torso is skin', () => {
    const frame = paint(solidFrame(40, 40, [30, 30, 30]), { x: 0, y: 0, w: 40, h: 10 }, [224, 172, 140]);
    expect(torsoColour(frame, { x: 0, y: 0, w: 40, h: 40 })).toBeNull();
  });
});
