import { describe, expect, it } from 'vitest';
import type { VideoCaptionTrack, VideoScene } from './types';
import { sceneAt, videoTrackToJson, videoTrackToWebVtt, VIDEO_CAPTIONS_FORMAT } from './video-track';

const scene = (index: number, startSec: number, endSec: number, coarse: string, refined: string | null = null) =>
  ({ index, startSec, endSec, frameSec: startSec + 0.25, coarse, refined, regions: [] }) satisfies VideoScene;

const track = (scenes: VideoScene[], overrides: Partial<VideoCaptionTrack> = {}): VideoCaptionTrack => ({
  file: { name: 'walk.webm', sizeBytes: 123_456, durationSec: 12, width: 640, height: 480 },
  model: 'world-v1',
  options: { sampleIntervalSec: 0.5, minGapSec: 1, style: 'short', refine: true },
  scenes,
  complete: true,
  coveredSec: 12,
  ...overrides,
});

interface ParsedCue {
  id: string;
  startMs: number;
  endMs: number;
  text: string;
}

/**
 * A strict WebVTT reader written apart from the writer (as e2e/fixtures/app-views-world.ts parseWebVtt): the
 * header, NOTE blocks (which may not contain "-->"), then cues with an optional id, "HH:MM:SS.mmm -->
 * HH:MM:SS.mmm", a payload without "-->" or raw "<", start < end, in time order.
 */
function parseVtt(text: string): { notes: string[]; cues: ParsedCue[] } {
  expect(text.endsWith('\n'), 'ends with a newline').toBe(true);
  const blocks = text.replace(/\n+$/, '').split(/\n{2,}/);
  expect(blocks[0]).toBe('WEBVTT');
  const notes: string[] = [];
  const cues: ParsedCue[] = [];
  const ms = (h: string, m: string, s: string, f: string) => ((+h * 60 + +m) * 60 + +s) * 1000 + +f;
  for (const block of blocks.slice(1)) {
    if (/^NOTE( |\n|$)/.test(block)) {
      expect(block, 'a NOTE may not contain -->').not.toContain('-->');
      notes.push(block);
      continue;
    }
    const lines = block.split('\n');
    const timing = lines.findIndex((l) => l.includes('-->'));
    expect(timing === 0 || timing === 1, `timing line of ${JSON.stringify(block)}`).toBe(true);
    const m = /^(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})$/.exec(lines[timing]);
    expect(m, lines[timing]).not.toBeNull();
    const payload = lines.slice(timing + 1);
    expect(payload.length).toBeGreaterThan(0);
    for (const line of payload) expect(line.includes('-->') || line.includes('<'), line).toBe(false);
    const cue = {
      id: timing === 1 ? lines[0] : '',
      startMs: ms(m![1], m![2], m![3], m![4]),
      endMs: ms(m![5], m![6], m![7], m![8]),
      text: payload.join('\n'),
    };
    expect(cue.endMs).toBeGreaterThan(cue.startMs);
    if (cues.length > 0) expect(cue.startMs).toBeGreaterThanOrEqual(cues[cues.length - 1].endMs);
    cues.push(cue);
  }
  return { notes, cues };
}

describe('videoTrackToWebVtt', () => {
  it('writes one cue per scene with its id, times and refined caption (else the coarse one)', () => {
    const { cues } = parseVtt(
      videoTrackToWebVtt(
        track([
          scene(0, 0, 2.3125, 'a red star.', 'a red star on the left.'),
          scene(1, 2.3125, 7.0004, 'a blue square.'),
          scene(2, 7.0004, 12, 'two circles.', 'two green circles.'),
        ]),
      ),
    );
    expect(cues).toEqual([
      { id: 'scene-1', startMs: 0, endMs: 2313, text: 'a red star on the left.' },
      { id: 'scene-2', startMs: 2313, endMs: 7000, text: 'a blue square.' },
      { id: 'scene-3', startMs: 7000, endMs: 12_000, text: 'two green circles.' },
    ]);
  });

  it('opens with a NOTE naming Glance, the model and the description track', () => {
    const { notes } = parseVtt(videoTrackToWebVtt(track([scene(0, 0, 12, 'a star.')])));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^NOTE .*Glance/);
    expect(notes[0]).toContain('world-v1');
    expect(notes[0]).toContain('walk.webm');
    expect(notes[0]).toContain('<track kind="descriptions"');
    expect(notes[0]).not.toMatch(/partial/i);
  });

  it('says in a NOTE where a partial track stops', () => {
    const text = videoTrackToWebVtt(
      track([scene(0, 0, 2, 'a star.'), scene(1, 2, 4.5, 'a square.')], { complete: false, coveredSec: 4.5 }),
    );
    const { notes, cues } = parseVtt(text);
    expect(notes[1]).toMatch(/^NOTE Partial track: .*00:00:04\.500 of 00:00:12\.000/);
    expect(cues.at(-1)!.endMs).toBe(4500);
  });

  it('escapes captions and keeps the file name from breaking its NOTE', () => {
    const text = videoTrackToWebVtt(
      track([scene(0, 0, 12, 'x', 'a --> b <i>x</i> & c\n\nd')], {
        file: { ...track([]).file, name: 'a-->b\n\nc.webm' },
      }),
    );
    const { notes, cues } = parseVtt(text);
    expect(cues[0].text).toBe('a --&gt; b &lt;i&gt;x&lt;/i&gt; &amp; c d');
    expect(notes[0]).toContain('"a->b c.webm"');
  });

  it('keeps cues monotonic with positive durations, even for scenes that touch or overlap after rounding', () => {
    const { cues } = parseVtt(
      videoTrackToWebVtt(track([scene(0, 0, 1.0001, 'a.'), scene(1, 1.0001, 1.0003, 'b.'), scene(2, 0.9, 12, 'c.')])),
    );
    expect(cues.map((c) => [c.startMs, c.endMs])).toEqual([
      [0, 1000],
      [1000, 1001],
      [1001, 12_000],
    ]);
  });

  it('writes a placeholder for an empty caption rather than an empty cue', () => {
    const { cues } = parseVtt(videoTrackToWebVtt(track([scene(0, 0, 12, '  ')])));
    expect(cues.map((c) => c.text)).toEqual(['…']);
  });

  it('is the header and NOTE only for a track without scenes', () => {
    expect(parseVtt(videoTrackToWebVtt(track([], { complete: false, coveredSec: 0 }))).cues).toEqual([]);
  });
});

describe('videoTrackToJson', () => {
  const full: VideoScene = {
    index: 0,
    startSec: 0,
    endSec: 2.31254,
    frameSec: 0.5,
    coarse: 'a person.',
    refined: 'a person with a dog.',
    regions: [{ x: 12.345, y: 0.04, w: 100.06, h: 7.77, score: 0.123456 }],
    objects: {
      coarse: [{ label: 'person', box: { x: 1.26, y: 2, w: 3, h: 4.44 }, score: 0.91234, hedged: false }],
      refined: [{ label: 'dog', box: { x: 5, y: 6.05, w: 7, h: 8 }, score: 0.5, hedged: true }],
    },
    outOfDomain: { reason: 'not a photo', score: 0.87654 },
  };

  it('starts with the format and carries the whole track, rounded', () => {
    const json = JSON.parse(videoTrackToJson(track([full], { coveredSec: 11.99999 })));
    expect(Object.keys(json)[0]).toBe('format');
    expect(json.format).toBe(VIDEO_CAPTIONS_FORMAT);
    expect(json).toMatchObject({
      file: { name: 'walk.webm', sizeBytes: 123_456, durationSec: 12, width: 640, height: 480 },
      model: 'world-v1',
      options: { sampleIntervalSec: 0.5, minGapSec: 1, style: 'short', refine: true },
      complete: true,
      coveredSec: 12,
    });
    expect(json.scenes).toEqual([
      {
        index: 0,
        startSec: 0,
        endSec: 2.313,
        frameSec: 0.5,
        coarse: 'a person.',
        refined: 'a person with a dog.',
        regions: [{ x: 12.3, y: 0, w: 100.1, h: 7.8, score: 0.123 }],
        objects: {
          coarse: [{ label: 'person', box: { x: 1.3, y: 2, w: 3, h: 4.4 }, score: 0.912, hedged: false }],
          refined: [{ label: 'dog', box: { x: 5, y: 6.1, w: 7, h: 8 }, score: 0.5, hedged: true }],
        },
        outOfDomain: { reason: 'not a photo', score: 0.877 },
      },
    ]);
  });

  it('leaves out what a scene does not have and keeps a null refined caption', () => {
    const json = JSON.parse(videoTrackToJson(track([scene(0, 0, 12, 'a star.')])));
    expect(json.scenes[0]).toEqual({
      index: 0,
      startSec: 0,
      endSec: 12,
      frameSec: 0.25,
      coarse: 'a star.',
      refined: null,
      regions: [],
    });
  });

  it('says complete: false and where it stops for a partial track', () => {
    const json = JSON.parse(videoTrackToJson(track([scene(0, 0, 3.2, 'a.')], { complete: false, coveredSec: 3.2 })));
    expect(json).toMatchObject({ complete: false, coveredSec: 3.2 });
  });

  it('is pretty-printed', () => {
    expect(videoTrackToJson(track([]))).toMatch(/^\{\n {2}"format": /);
  });
});

describe('sceneAt', () => {
  const scenes = [scene(0, 0, 2, 'a.'), scene(1, 2, 3.5, 'b.'), scene(2, 3.5, 9, 'c.')];

  it('finds the scene covering a time, the boundary belonging to the scene that starts there', () => {
    expect(sceneAt(scenes, 0)).toBe(0);
    expect(sceneAt(scenes, 1.999)).toBe(0);
    expect(sceneAt(scenes, 2)).toBe(1);
    expect(sceneAt(scenes, 3.6)).toBe(2);
  });

  it('keeps the last scene at its very end, and nothing after it or before the first', () => {
    expect(sceneAt(scenes, 9)).toBe(2);
    expect(sceneAt(scenes, 9.01)).toBe(-1);
    expect(sceneAt(scenes.slice(1), 1)).toBe(-1);
    expect(sceneAt([], 0)).toBe(-1);
    expect(sceneAt(scenes, NaN)).toBe(-1);
  });

  it('agrees with a linear search over many scenes', () => {
    const many = Array.from({ length: 101 }, (_, i) => scene(i, i * 0.7, (i + 1) * 0.7, `${i}.`));
    for (let t = -1; t < 72; t += 0.13) {
      const linear = many.findIndex((s, i) => t >= s.startSec && (t < s.endSec || (i === 100 && t === s.endSec)));
      expect(sceneAt(many, t), `t=${t}`).toBe(linear);
    }
  });
});
