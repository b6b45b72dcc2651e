import { describe, expect, it } from 'vitest';
import { seen } from './test-helpers';
import { planCaption, writeCaption } from './write-caption';

// A 600x600 frame: cells are 200 px. Boxes are chosen so that no relation's geometry holds unless a test wants one.
const personA = seen('person', { x: 230, y: 60, w: 140, h: 380 });
const personB = seen('person', { x: 200, y: 25, w: 200, h: 550 }, { size: 'close' });
const dog = seen('dog', { x: 20, y: 460, w: 100, h: 80 }, { size: 'small', colour: 'brown' });
const car = seen('car', { x: 450, y: 440, w: 140, h: 110 }, { colour: 'red' });
const light = seen('traffic light', { x: 500, y: 20, w: 30, h: 80 }, { size: 'small' });

describe('writeCaption: groups, positions, notes', () => {
  it('says nothing it cannot recognise', () => {
    expect(writeCaption([], 'short')).toBe('Nothing I can recognise.');
    expect(writeCaption([], 'detailed')).toBe('Nothing I can recognise.');
  });

  it('writes a detailed caption, big things first, counted and placed', () => {
    expect(writeCaption([personA, personB, dog, car], 'detailed')).toBe(
      'Two people in the center, one of them close to the camera; a red car in the bottom right; a small brown dog in the bottom left.',
    );
  });

  it('writes a short caption without adjectives or positions', () => {
    expect(writeCaption([personA, personB, dog, car], 'short')).toBe('Two people, a car and a dog.');
  });

  it('adds a scene guess with enough evidence and counts what the short caption leaves out', () => {
    const objects = [personA, personB, dog, car, light];
    expect(writeCaption(objects, 'short')).toBe('Two people, a car, a dog and one other thing, probably a street.');
    expect(writeCaption(objects, 'detailed')).toBe(
      'Two people in the center, one of them close to the camera; a red car in the bottom right; ' +
        'a small brown dog in the bottom left; a small traffic light in the top right. Probably a street.',
    );
  });

  it('hedges mid-confidence objects, in the singular and the plural', () => {
    const cat = seen('cat', { x: 250, y: 250, w: 100, h: 100 }, { hedged: true });
    expect(writeCaption([cat], 'detailed')).toBe('What looks like a cat in the center.');
    const cats = [
      seen('cat', { x: 20, y: 220, w: 60, h: 60 }, { hedged: true }),
      seen('cat', { x: 120, y: 320, w: 60, h: 60 }, { hedged: true }),
    ];
    expect(writeCaption(cats, 'short')).toBe('What look like two cats.');
    expect(writeCaption(cats, 'detailed')).toBe('What look like two cats on the left.');
  });

  it('says hedged objects of a class that has a confident one as more of it', () => {
    const sure = seen('car', { x: 20, y: 20, w: 100, h: 100 });
    const unsure = seen('car', { x: 420, y: 420, w: 100, h: 100 }, { hedged: true });
    const unsure2 = seen('car', { x: 420, y: 20, w: 100, h: 100 }, { hedged: true });
    expect(writeCaption([sure, unsure], 'detailed')).toBe(
      'A car in the top left; what looks like another car in the bottom right.',
    );
    expect(planCaption([sure, unsure], 'detailed').named).toEqual([0, 1]);
    // The short caption names the class once, with its sure count, and does not count the extras as other things.
    expect(writeCaption([sure, unsure, unsure2], 'short')).toBe('A car.');
    const others = [seen('dog', { x: 220, y: 220, w: 60, h: 60 }), seen('cat', { x: 20, y: 420, w: 60, h: 60 })];
    const bike = seen('bicycle', { x: 220, y: 420, w: 60, h: 60 });
    expect(writeCaption([sure, unsure, unsure2, ...others, bike], 'short')).toBe(
      'A car, a dog, a cat and one other thing.',
    );
    // A class left out of the short caption is counted whole, its hedged extras with it.
    const bikes = [
      seen('bicycle', { x: 420, y: 420, w: 20, h: 20 }),
      seen('bicycle', { x: 520, y: 420, w: 20, h: 20 }, { hedged: true }),
    ];
    expect(writeCaption([...others, seen('cup', { x: 20, y: 20, w: 40, h: 40 }), ...bikes], 'short')).toBe(
      'A dog, a cat, a cup and two other things.',
    );
    // A hedged class with no confident member is said as before.
    expect(writeCaption([unsure], 'detailed')).toBe('What looks like a car in the bottom right.');
  });

  it('never says "more" of a class before the class itself, nor more of it next to one of it', () => {
    // Once read "What look like two more clocks: one in the top left, next to a clock; the other on the left."
    const clock = seen('clock', { x: 20, y: 20, w: 40, h: 40 });
    const beside = seen('clock', { x: 75, y: 20, w: 40, h: 40 }, { hedged: true });
    const below = seen('clock', { x: 20, y: 250, w: 40, h: 40 }, { hedged: true });
    expect(writeCaption([clock, beside, below], 'detailed')).toBe(
      'A clock in the top left; what look like two more clocks in the top left and on the left.',
    );
    // A later clause's target of a class already continued is referred to, not introduced.
    const bench = seen('bench', { x: 200, y: 300, w: 200, h: 100 });
    const another = seen('bench', { x: 400, y: 450, w: 180, h: 100 }, { hedged: true });
    const cat = seen('cat', { x: 260, y: 250, w: 60, h: 70 }, { hedged: true });
    expect(writeCaption([bench, another, cat], 'detailed')).toBe(
      'A bench in the center; what looks like another bench in the bottom right; what looks like a cat in the ' +
        'center, on the bench.',
    );
  });

  it('names a group in two cells by both, in three or more by none, and says many above twelve', () => {
    const twoCells = [seen('cup', { x: 20, y: 20, w: 50, h: 50 }), seen('cup', { x: 420, y: 20, w: 50, h: 50 })];
    expect(writeCaption(twoCells, 'detailed')).toBe('Two cups in the top left and in the top right.');
    const flock = Array.from({ length: 13 }, (_, i) =>
      seen('sheep', { x: (i % 5) * 110 + 10, y: Math.floor(i / 5) * 200 + 50, w: 60, h: 40 }),
    );
    expect(writeCaption(flock, 'detailed')).toBe('Many sheep.');
    expect(writeCaption(flock.slice(0, 12), 'short')).toBe('Twelve sheep.');
  });

  it('says the colour and size a group shares, and group notes as "both" / "one of them"', () => {
    const twins = [
      seen('person', { x: 210, y: 210, w: 60, h: 180 }, { notes: ['smiling'] }),
      seen('person', { x: 320, y: 210, w: 60, h: 180 }, { notes: ['smiling', 'raising both arms'] }),
    ];
    expect(writeCaption(twins, 'detailed')).toBe(
      'Two people in the center, both smiling, one of them raising both arms.',
    );
    const redCars = [
      seen('car', { x: 10, y: 420, w: 80, h: 60 }, { colour: 'red', size: 'small' }),
      seen('car', { x: 100, y: 420, w: 80, h: 60 }, { colour: 'red' }),
    ];
    expect(writeCaption(redCars, 'detailed')).toBe('Two red cars in the bottom left.');
  });

  it('says two or three people member by member when "one of them" would not say who', () => {
    const left = { x: 20, y: 100, w: 150, h: 450 };
    const centre = { x: 230, y: 100, w: 150, h: 450 };
    const right = { x: 420, y: 100, w: 150, h: 450 };
    // Different cells: every member with its cell, those with notes followed by them.
    expect(
      writeCaption(
        [seen('person', left, { notes: ['smiling'] }), seen('person', right, { notes: ['sitting'] })],
        'detailed',
      ),
    ).toBe('Two people: one on the left, smiling; the other on the right, sitting.');
    expect(
      writeCaption(
        [seen('person', left, { notes: ['smiling'] }), seen('person', centre), seen('person', right)],
        'detailed',
      ),
    ).toBe('Three people: one on the left, smiling; one in the center; one on the right.');
    // One cell, two members with different notes: the cell once, then each member that carries a note.
    const a = seen('person', { x: 210, y: 210, w: 60, h: 180 }, { notes: ['smiling'] });
    const b = seen('person', { x: 320, y: 210, w: 60, h: 180 }, { notes: ['raising both arms'] });
    const c = seen('person', { x: 260, y: 220, w: 60, h: 170 });
    expect(writeCaption([a, b], 'detailed')).toBe(
      'Two people in the center: one smiling; the other raising both arms.',
    );
    expect(writeCaption([a, b, c], 'detailed')).toBe('Three people in the center: one smiling; one raising both arms.');
    // Four or more keep the group's summary.
    const four = [0, 1, 2, 3].map((i) =>
      seen('person', { x: 10 + i * 145, y: 100, w: 130, h: 450 }, { notes: i === 0 ? ['smiling'] : [] }),
    );
    expect(writeCaption(four, 'detailed')).toBe('Four people, one of them smiling.');
  });

  it('uses an before a vowel and the chosen nouns', () => {
    const objects = [
      seen('umbrella', { x: 20, y: 20, w: 150, h: 150 }, { colour: 'orange' }),
      seen('dining table', { x: 220, y: 420, w: 150, h: 150 }),
      seen('tv', { x: 450, y: 20, w: 120, h: 120 }),
    ];
    expect(writeCaption(objects, 'detailed')).toBe(
      'An orange umbrella in the top left; a table at the bottom; a screen in the top right.',
    );
  });

  it('counts groups beyond the sixth as other things', () => {
    const labels = ['car', 'bus', 'truck', 'boat', 'bench', 'bird', 'cat', 'dog'];
    const objects = labels.map((l, i) =>
      seen(l, { x: 10 + (i % 4) * 150, y: 10 + Math.floor(i / 4) * 300, w: 100 - i * 5, h: 100 - i * 5 }),
    );
    expect(writeCaption(objects, 'detailed')).toBe(
      'A car in the top left; a bus at the top; a truck at the top; a boat in the top right; ' +
        'a bench on the left; a bird on the left; two other things. Probably a street.',
    );
  });
});

describe('writeCaption: relations', () => {
  it('says a cup on a table once, inline, without repeating the shared cell', () => {
    const table = seen('dining table', { x: 100, y: 290, w: 400, h: 200 });
    const cup = seen('cup', { x: 280, y: 260, w: 40, h: 60 }, { size: 'small', colour: 'white' });
    expect(writeCaption([table, cup], 'detailed')).toBe('A small white cup in the center, on a table.');
  });

  it('says holding from the hands band when there is no pose', () => {
    const person = seen('person', { x: 200, y: 100, w: 200, h: 450 });
    const phone = seen('cell phone', { x: 330, y: 300, w: 30, h: 50 }, { size: 'small', colour: 'black' });
    expect(writeCaption([person, phone], 'detailed')).toBe('A person in the center, holding a small black phone.');
  });

  it('says riding for a person on a horse', () => {
    const horse = seen('horse', { x: 200, y: 250, w: 250, h: 200 }, { colour: 'brown' });
    const rider = seen('person', { x: 250, y: 100, w: 100, h: 250 });
    expect(writeCaption([horse, rider], 'detailed')).toBe('A person in the center, riding a brown horse.');
  });

  it('says next to for same-row neighbours, with the target placed', () => {
    const dog2 = seen('dog', { x: 20, y: 430, w: 120, h: 100 }, { colour: 'brown' });
    const car2 = seen('car', { x: 170, y: 420, w: 160, h: 120 }, { colour: 'red' });
    expect(writeCaption([dog2, car2], 'detailed')).toBe(
      'A red car at the bottom, next to a brown dog in the bottom left.',
    );
  });

  it('says a relation of one member of a group', () => {
    const p1 = seen('person', { x: 20, y: 100, w: 150, h: 450 });
    const p2 = seen('person', { x: 420, y: 100, w: 150, h: 450 });
    const cup = seen('cup', { x: 60, y: 300, w: 40, h: 40 }, { size: 'small' });
    // Said member by member, so that the caption says which one holds it.
    expect(writeCaption([p1, p2, cup], 'detailed')).toBe(
      'Two people: one on the left, holding a small cup; the other on the right.',
    );
  });

  it('says at most two relations', () => {
    const objects = [0, 1, 2].flatMap((i) => [
      seen('person', { x: 20 + i * 200, y: 100, w: 150, h: 450 }),
      seen('bottle', { x: 60 + i * 200, y: 300, w: 30, h: 60 }),
    ]);
    expect(planCaption(objects, 'detailed').relations).toHaveLength(0); // the bottles are a group of three
    const single = [objects[0], objects[1], seen('dog', { x: 480, y: 480, w: 60, h: 60 })];
    expect(planCaption(single, 'detailed').relations.map((r) => r.kind)).toEqual(['holding']);
  });
});
