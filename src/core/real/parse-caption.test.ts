import { describe, expect, it } from 'vitest';
import { parseCaption } from './parse-caption';

const item = (label: string, count = 1, hedged = false) => ({ label, count, hedged });

describe('parseCaption: hand-written captions of the grammar', () => {
  it('reads a detailed caption with notes and a scene', () => {
    expect(
      parseCaption(
        'Two people in the center, one of them close to the camera; a red car in the bottom right; ' +
          'a small brown dog in the bottom left. Probably a street.',
      ),
    ).toEqual({
      items: [item('person', 2), item('car'), item('dog')],
      scene: 'a street',
      others: 0,
      nothing: false,
      hands: [],
    });
  });

  it('reads relations: the inline target is an object, a "the" reference is not', () => {
    expect(
      parseCaption('A person in the center, smiling, holding a small white cup; a small orange cat in the top left.')
        .items,
    ).toEqual([item('person'), item('cup'), item('cat')]);
    expect(parseCaption('A dog on the left, next to the car; a car on the right.').items).toEqual([
      item('dog'),
      item('car'),
    ]);
  });

  it('reads hedges, many, pairs and heads, and the short style scene', () => {
    expect(parseCaption('What look like two cats and what looks like an umbrella.').items).toEqual([
      item('cat', 2, true),
      item('umbrella', 1, true),
    ]);
    expect(parseCaption('Many sheep.').items).toEqual([item('sheep', 13)]);
    expect(parseCaption('Two pairs of skis and a head of broccoli, probably a ski slope.')).toEqual({
      items: [item('skis', 2), item('broccoli')],
      scene: 'a ski slope',
      others: 0,
      nothing: false,
      hands: [],
    });
  });

  it('maps the chosen nouns back to COCO names', () => {
    expect(parseCaption('A screen, a phone, a ball, a table, two mice and a hair dryer.').items).toEqual([
      item('tv'),
      item('cell phone'),
      item('sports ball'),
      item('dining table'),
      item('mouse', 2),
      item('hair drier'),
    ]);
  });

  it('reads a noun that is also a colour word', () => {
    expect(parseCaption('A small orange on the left; an orange orange; two orange cats.').items).toEqual([
      item('orange'),
      item('orange'),
      item('cat', 2),
    ]);
  });

  it('counts the other things and reads the nothing caption', () => {
    expect(parseCaption('A car in the top left; a bird on the left; two other things.').others).toBe(2);
    expect(parseCaption('Nothing I can recognise.')).toEqual({
      items: [],
      scene: null,
      others: 0,
      nothing: true,
      hands: [],
    });
  });

  it('does not read notes as objects', () => {
    expect(parseCaption('Two people at the top, one of them raising one arm, both facing the camera.').items).toEqual([
      item('person', 2),
    ]);
  });

  it('reads a group said member by member as one count ("one", "the other" name no new object)', () => {
    expect(parseCaption('Two people: one on the left, holding a small cup; the other on the right.').items).toEqual([
      item('person', 2),
      item('cup', 1),
    ]);
    expect(parseCaption('Three people: one on the left, smiling; one in the center; one on the right.').items).toEqual([
      item('person', 3),
    ]);
    expect(
      parseCaption('What look like two people in the center: one smiling; the other raising both arms.').items,
    ).toEqual([item('person', 2, true)]);
  });

  it('adds up "another" and "N more" to the class said before', () => {
    expect(parseCaption('Two horses on the left; what look like two more horses in the center.').items).toEqual([
      item('horse', 2),
      item('horse', 2, true),
    ]);
    expect(parseCaption('A car and what looks like another small red car.').items).toEqual([
      item('car', 1),
      item('car', 1, true),
    ]);
  });

  it('reads hand notes whole, never as objects', () => {
    const parsed = parseCaption(
      'A person in the center, making two fists, facing left; two people on the right, one of them pointing left, ' +
        'both raising an open hand; a person, showing both open hands, holding a cup.',
    );
    expect(parsed.items).toEqual([item('person'), item('person', 2), item('person'), item('cup')]);
    expect(parsed.hands).toEqual([
      'making two fists',
      'pointing left',
      'raising an open hand',
      'showing both open hands',
    ]);
    expect(parseCaption('A person, giving a thumbs up, pointing.').hands).toEqual(['giving a thumbs up', 'pointing']);
  });

  it('tolerates digits, missing punctuation and upper case', () => {
    expect(parseCaption('3 DOGS and a cat on the left').items).toEqual([item('dog', 3), item('cat')]);
  });
});
