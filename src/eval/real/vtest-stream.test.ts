import { describe, expect, it } from 'vitest';
import { buildStreamReport } from './real-report';
import { type VtestLabels, loadVtestLabels, vtestPhotoId, vtestPhotos } from './vtest-stream';

const labels: VtestLabels = {
  video: 'clip.y4m',
  width: 640,
  height: 480,
  fps: 10,
  frames: 30,
  others: [
    { label: 'car', box: [540, 36, 60, 47], ignore: true },
    { label: 'truck', box: [540, 36, 60, 47], ignore: true },
  ],
  times: [
    {
      timeS: 0,
      frame: 0,
      people: [{ box: [200, 180, 26, 74] }, { box: [400, 130, 24, 63] }, { box: [20, 90, 12, 26], ignore: true }],
    },
    { timeS: 2, frame: 20, people: [{ box: [210, 190, 26, 74] }] },
  ],
};

describe('vtestPhotos', () => {
  it('makes one labelled photo per labelled time: its people, then the parked vehicles', () => {
    const photos = vtestPhotos(labels);
    expect(photos.map((p) => p.id)).toEqual(['vtest 0 s', 'vtest 2 s']);
    expect(photos[0].objects.map((o) => [o.label, o.ignore ?? false])).toEqual([
      ['person', false],
      ['person', false],
      ['person', true],
      ['car', true],
      ['truck', true],
    ]);
    expect(photos[1].objects).toHaveLength(3);
    expect(photos.every((p) => p.split === 'report' && p.width === 640 && p.height === 480)).toBe(true);
  });

  it('reads the committed labels: five times inside the clip, the van and the car either way', () => {
    const committed = loadVtestLabels();
    expect(committed.times.map((t) => t.timeS)).toEqual([0, 2, 4, 6, 8]);
    expect(committed.others.every((o) => o.ignore)).toBe(true);
    expect(new Set(committed.others.map((o) => o.label))).toEqual(new Set(['car', 'truck']));
  });
});

describe('buildStreamReport', () => {
  it('scores the captions at the labelled times: people recall, and whatever else is named against precision', () => {
    const report = buildStreamReport({
      video: labels.video,
      frames: 21,
      glanceSize: 512,
      photos: vtestPhotos(labels),
      captions: [
        {
          id: vtestPhotoId(0),
          frame: 0,
          coarse: 'A person in the center.',
          // 3 people (one of them the ignorable one), the van as a truck, two balls that are not there.
          refined:
            'Two people in the center and on the right; what looks like a small white truck in the top right; ' +
            'what looks like another person in the top left; what look like two small balls.',
        },
        { id: vtestPhotoId(2), frame: 20, coarse: 'Nothing I can recognise.', refined: null },
      ],
      everyFrame: [],
    });
    const refined = report.scores.find((s) => s.pass === 'refined')!.scores;
    expect([refined.matched, refined.labelled]).toEqual([2, 3]);
    expect([refined.fitting, refined.named]).toEqual([4, 6]);
    const coarse = report.scores.find((s) => s.pass === 'coarse')!.scores;
    expect([coarse.matched, coarse.named, coarse.fitting]).toEqual([1, 1, 1]);
    expect(report.times[0].labelled).toBe('2 person; either way: 1 person, 1 car, 1 truck');
    expect(report.times[0].named).toBe('3 person (1 hedged), 1 truck (1 hedged), 2 sports ball (2 hedged)');
    expect(report.times[1]).toMatchObject({ named: '(nothing)', refined: 'Nothing I can recognise.' });
  });

  it('counts the frames whose caption names something else than the frame before', () => {
    const caption = (coarse: string, refined: string | null = null) => ({ coarse, refined });
    const report = buildStreamReport({
      video: labels.video,
      frames: 5,
      glanceSize: 512,
      photos: [],
      captions: [],
      everyFrame: [
        caption('Two people.', 'Two people in the center.'),
        // The same things said in other words: no change.
        caption('Two people on the left.', 'Two people on the left, one of them smiling.'),
        // A hedge is a change ("two people; another person" is not "three people").
        caption('Two people.', 'Two people; what looks like another person.'),
        caption('Two people.', 'Three people.'),
        caption('Nothing I can recognise.'),
      ],
    });
    expect(report.changes).toEqual([
      { pass: 'coarse', changed: 1 },
      { pass: 'refined', changed: 3 },
    ]);
  });
});
