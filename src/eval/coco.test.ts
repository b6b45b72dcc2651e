import { describe, expect, it } from 'vitest';
import { CocoFormatError, readCocoCaptions, referencesFor } from './coco';

const star = { shape: 'star', colour: 'red', size: 'small', pattern: 'striped', position: 'top left' };

const world = {
  info: { split: 'test' },
  images: [
    { id: 0, file_name: 'images/000000.png', width: 256, height: 256, objects: [star], background: 'plain' },
    { id: 1, file_name: 'images/000001.png', objects: [] },
  ],
  annotations: [
    { id: 0, image_id: 0, style: 'detailed', caption: 'one object: a small red striped star in the top left.' },
    { id: 1, image_id: 0, style: 'short', caption: 'a small red star.' },
    { id: 2, image_id: 1, style: 'detailed', caption: 'nothing.' },
  ],
  perturbations: [{ annotation_id: 0 }],
};

describe('readCocoCaptions', () => {
  it('reads images, their objects and references per style (unknown keys ignored)', () => {
    const data = readCocoCaptions(world);
    expect(data.images).toEqual([
      { id: 0, fileName: 'images/000000.png', objects: [star] },
      { id: 1, fileName: 'images/000001.png', objects: [] },
    ]);
    expect(data.hasObjects).toBe(true);
    expect(data.references.get(0)).toEqual([
      'one object: a small red striped star in the top left.',
      'a small red star.',
    ]);
    expect(referencesFor(data, 'short')).toEqual(new Map([[0, ['a small red star.']]]));
    expect(referencesFor(data, 'detailed').get(1)).toEqual(['nothing.']);
  });

  it('reads a plain COCO file: no objects, every reference counts for any style', () => {
    const data = readCocoCaptions({
      images: [{ id: 7, file_name: 'a.jpg' }],
      annotations: [
        { image_id: 7, caption: 'A dog.' },
        { image_id: 7, caption: 'A brown dog.' },
      ],
    });
    expect(data.hasObjects).toBe(false);
    expect(data.images[0].objects).toBeNull();
    expect(referencesFor(data, 'short').get(7)).toEqual(['A dog.', 'A brown dog.']);
    expect(referencesFor(data, 'detailed').get(7)).toEqual(['A dog.', 'A brown dog.']);
  });

  it('has objects only when every image has them', () => {
    const data = readCocoCaptions({ images: [world.images[0], { id: 5, file_name: 'x.png' }], annotations: [] });
    expect(data.hasObjects).toBe(false);
  });

  it.each([
    [null, /JSON object/],
    [{ images: {}, annotations: [] }, /"images" must be an array/],
    [{ images: [{ id: '1', file_name: 'a' }], annotations: [] }, /images\[0\]\.id must be a number/],
    [{ images: [{ id: 1 }], annotations: [] }, /images\[0\]\.file_name/],
    [
      {
        images: [
          { id: 1, file_name: 'a' },
          { id: 1, file_name: 'b' },
        ],
        annotations: [],
      },
      /appears twice/,
    ],
    [{ images: [{ id: 1, file_name: 'a' }], annotations: [{ image_id: 2, caption: 'x' }] }, /names no image/],
    [{ images: [{ id: 1, file_name: 'a' }], annotations: [{ image_id: 1 }] }, /caption must be a string/],
    [
      { images: [{ id: 1, file_name: 'a' }], annotations: [{ image_id: 1, caption: 'x', style: 'long' }] },
      /style: "long" is not one of/,
    ],
    [
      { images: [{ id: 1, file_name: 'a', objects: [{ ...star, shape: 'blob' }] }], annotations: [] },
      /objects\[0\]\.shape: "blob"/,
    ],
  ])('names the first bad field (%#)', (json, message) => {
    expect(() => readCocoCaptions(json)).toThrow(CocoFormatError);
    expect(() => readCocoCaptions(json)).toThrow(message);
  });
});
