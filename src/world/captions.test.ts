import { describe, expect, it } from 'vitest';
import { caption, countWord, detailedCaption, shortCaption } from './captions';
import type { Cell, Colour, ObjectDescription, Pattern, Shape, Size } from './scene';

/** Builds a description the way a person reads the grammar doc's examples. */
function obj(size: Size, colour: Colour, shape: Shape, position: Cell, pattern: Pattern = 'plain'): ObjectDescription {
  return { size, colour, shape, position, pattern };
}

// Expected strings are copied from docs/caption-grammar.md, not from this code's output.
describe('detailedCaption', () => {
  it('matches the grammar doc examples', () => {
    expect(detailedCaption([obj('large', 'red', 'star', 'center')])).toBe(
      'one object: a large red star in the center.',
    );
    expect(
      detailedCaption([
        obj('small', 'blue', 'heart', 'top left', 'striped'),
        obj('medium', 'white', 'circle', 'bottom center'),
      ]),
    ).toBe('two objects: a small blue striped heart in the top left and a medium white circle at the bottom.');
    expect(
      detailedCaption([
        obj('small', 'red', 'cross', 'top center', 'dotted'),
        obj('large', 'green', 'square', 'middle left'),
        obj('medium', 'black', 'hexagon', 'bottom right'),
      ]),
    ).toBe(
      'three objects: a small red dotted cross at the top, a large green square on the left and a medium black hexagon in the bottom right.',
    );
  });

  it('says every cell with its phrase and counts up to six', () => {
    const cells: Cell[] = ['top right', 'middle right', 'bottom left', 'top left', 'center', 'top center'];
    const text = detailedCaption(cells.map((c) => obj('small', 'gray', 'diamond', c)));
    expect(text).toBe(
      'six objects: a small gray diamond in the top right, a small gray diamond on the right, ' +
        'a small gray diamond in the bottom left, a small gray diamond in the top left, ' +
        'a small gray diamond in the center and a small gray diamond at the top.',
    );
  });
});

describe('shortCaption', () => {
  it('matches the grammar doc examples', () => {
    expect(shortCaption([obj('large', 'red', 'star', 'center')])).toBe('a large red star.');
    expect(
      shortCaption([obj('large', 'red', 'star', 'top left'), obj('small', 'blue', 'circle', 'center', 'dotted')]),
    ).toBe('a large red star and a small blue circle.');
    const five = [
      obj('small', 'pink', 'heart', 'top left'),
      obj('large', 'red', 'star', 'top center'),
      obj('small', 'gray', 'cross', 'top right'),
      obj('medium', 'blue', 'circle', 'center', 'striped'),
      obj('small', 'white', 'square', 'bottom right'),
    ];
    expect(shortCaption(five)).toBe('a large red star, a medium blue circle and three other objects.');
  });

  it('puts the larger object first and breaks size ties by reading order', () => {
    const objects = [obj('small', 'blue', 'circle', 'top left'), obj('large', 'red', 'star', 'bottom right')];
    expect(shortCaption(objects)).toBe('a large red star and a small blue circle.');
    const ties = [
      obj('medium', 'green', 'cross', 'top left'),
      obj('medium', 'black', 'heart', 'center'),
      obj('small', 'red', 'star', 'bottom right'),
    ];
    expect(shortCaption(ties)).toBe('a medium green cross, a medium black heart and one other object.');
  });
});

describe('crowded and empty scenes', () => {
  // Nine objects, one per cell in reading order, sizes cycling so the short caption's two are easy to find.
  const nine = [
    obj('small', 'red', 'star', 'top left'),
    obj('medium', 'orange', 'circle', 'top center', 'striped'),
    obj('small', 'yellow', 'square', 'top right'),
    obj('large', 'green', 'heart', 'middle left', 'dotted'),
    obj('small', 'blue', 'cross', 'center'),
    obj('medium', 'purple', 'hexagon', 'middle right'),
    obj('small', 'pink', 'diamond', 'bottom left'),
    obj('large', 'brown', 'triangle', 'bottom center'),
    obj('small', 'white', 'star', 'bottom right'),
  ];

  it('counts seven, eight and nine objects in the detailed caption', () => {
    expect(detailedCaption(nine)).toBe(
      'nine objects: a small red star in the top left, a medium orange striped circle at the top, ' +
        'a small yellow square in the top right, a large green dotted heart on the left, ' +
        'a small blue cross in the center, a medium purple hexagon on the right, ' +
        'a small pink diamond in the bottom left, a large brown triangle at the bottom ' +
        'and a small white star in the bottom right.',
    );
    expect(detailedCaption(nine.slice(0, 8))).toMatch(/^eight objects: a small red star in the top left, /);
    expect(detailedCaption(nine.slice(0, 7))).toMatch(/ and a small pink diamond in the bottom left\.$/);
    expect(detailedCaption(nine.slice(0, 7))).toMatch(/^seven objects: /);
  });

  it('counts the seven others of nine objects in the short caption', () => {
    expect(shortCaption(nine)).toBe('a large green heart, a large brown triangle and seven other objects.');
    expect(shortCaption(nine.slice(0, 8))).toBe('a large green heart, a large brown triangle and six other objects.');
    expect(shortCaption(nine.slice(0, 7))).toBe('a large green heart, a medium orange circle and five other objects.');
  });

  it('says "no objects." of an empty scene, in both styles', () => {
    expect(caption([], 'detailed')).toBe('no objects.');
    expect(caption([], 'short')).toBe('no objects.');
  });

  it('has count words one to nine and none beyond', () => {
    expect([1, 7, 8, 9].map(countWord)).toEqual(['one', 'seven', 'eight', 'nine']);
    expect(() => countWord(0)).toThrow();
    expect(() => countWord(10)).toThrow();
  });
});
