import { describe, expect, it } from 'vitest';
import { groupObjects } from './group';
import { findRelations, isHolding, isNextTo, isOn, isRiding } from './relations';
import { seen } from './test-helpers';
import type { PoseKeypoint } from './types';

const kp = (name: string, x: number, y: number, score = 0.9): PoseKeypoint => ({ name, x, y, score });

describe('relation geometry', () => {
  const table = seen('dining table', { x: 100, y: 300, w: 400, h: 200 });

  it('on: the bottom rests in the top part of the supporter', () => {
    expect(isOn(seen('cup', { x: 280, y: 260, w: 40, h: 60 }), table)).toBe(true); // bottom 320
    expect(isOn(seen('cup', { x: 280, y: 400, w: 40, h: 60 }), table)).toBe(false); // bottom 460: under or in front
    expect(isOn(seen('cup', { x: 20, y: 260, w: 40, h: 60 }), table)).toBe(false); // beside it
    expect(isOn(seen('cup', { x: 280, y: 100, w: 40, h: 60 }), table)).toBe(false); // floating above it
  });

  it('riding: the rider sits on the ride, not beside it', () => {
    const horse = seen('horse', { x: 200, y: 250, w: 250, h: 200 });
    expect(isRiding(seen('person', { x: 250, y: 100, w: 100, h: 250 }), horse)).toBe(true);
    expect(isRiding(seen('person', { x: 460, y: 100, w: 100, h: 350 }), horse)).toBe(false); // standing next to it
  });

  it('holding with a pose: a wrist at the object, wherever it is in the box', () => {
    const person = { ...seen('person', { x: 200, y: 100, w: 200, h: 450 }) };
    const phone = seen('cell phone', { x: 210, y: 110, w: 30, h: 50 }); // by the head: outside the hands band
    expect(isHolding(person, phone)).toBe(false);
    person.keypoints = [kp('left_wrist', 225, 150), kp('right_wrist', 380, 400)];
    expect(isHolding(person, phone)).toBe(true);
    person.keypoints = [kp('left_wrist', 225, 150, 0.1), kp('right_wrist', 380, 400)]; // the near wrist unsure
    expect(isHolding(person, phone)).toBe(false);
  });

  it('next to: same row, a small gap, comparable sizes', () => {
    const dog = seen('dog', { x: 20, y: 430, w: 120, h: 100 });
    expect(isNextTo(dog, seen('car', { x: 170, y: 420, w: 160, h: 120 }))).toBe(true);
    expect(isNextTo(dog, seen('car', { x: 170, y: 100, w: 160, h: 120 }))).toBe(false); // another row
    expect(isNextTo(dog, seen('car', { x: 400, y: 420, w: 160, h: 120 }))).toBe(false); // far
    expect(isNextTo(dog, seen('bus', { x: 150, y: 200, w: 440, h: 390 }))).toBe(false); // much bigger
    expect(isNextTo(dog, seen('cat', { x: 90, y: 430, w: 120, h: 100 }))).toBe(false); // half in front of it
    expect(isNextTo(dog, seen('cat', { x: 130, y: 430, w: 120, h: 100 }))).toBe(true); // 10 px overlap
  });
});

describe('findRelations', () => {
  it('prefers riding to next to, uses each object once', () => {
    const objects = [
      seen('horse', { x: 200, y: 250, w: 250, h: 200 }),
      seen('person', { x: 250, y: 100, w: 100, h: 250 }),
      seen('dog', { x: 460, y: 350, w: 100, h: 100 }),
    ];
    expect(findRelations(objects, groupObjects(objects))).toEqual([
      { kind: 'riding', subject: 1, object: 0 }, // the horse is also next to the dog, but already in a relation
    ]);
  });

  it('says a cup in front of a person is on the table, unless a wrist holds it', () => {
    const objects = [
      seen('person', { x: 200, y: 50, w: 200, h: 500 }),
      seen('dining table', { x: 50, y: 330, w: 500, h: 250 }),
      seen('cup', { x: 280, y: 290, w: 40, h: 60 }), // in the person's hands band and on the table's top
    ];
    expect(findRelations(objects, groupObjects(objects))).toEqual([{ kind: 'on', subject: 2, object: 1 }]);
    objects[0] = { ...objects[0], keypoints: [{ name: 'right_wrist', x: 300, y: 320, score: 0.9 }] };
    expect(findRelations(objects, groupObjects(objects))).toEqual([{ kind: 'holding', subject: 0, object: 2 }]);
  });

  it('never points at one member of a group', () => {
    const objects = [
      seen('dog', { x: 20, y: 430, w: 120, h: 100 }),
      seen('car', { x: 170, y: 420, w: 160, h: 120 }),
      seen('car', { x: 420, y: 20, w: 160, h: 120 }),
    ];
    expect(findRelations(objects, groupObjects(objects))).toEqual([{ kind: 'next to', subject: 1, object: 0 }]);
  });
});
