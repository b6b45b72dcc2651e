import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detailedCaption } from '../src/world/captions';
import { demoSceneAt } from '../src/world/demo-world';
import { renderScene } from '../src/world/render';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
// 8 s at 4 fps: frame f shows t = 250 f ms; scenes change at 3500 and 7000 ms, i.e. at frames 14 and 28.
const ARGS = ['--seed', '5', '--seconds', '8', '--fps', '4', '--width', '96', '--height', '64'];
const [WIDTH, HEIGHT, SCENE, OFFSET_X] = [96, 64, 64, 16];
const FRAME = WIDTH * HEIGHT * 1.5;

describe('npm run world:y4m', () => {
  let dir: string;
  let file: Buffer;
  let sidecar: {
    frames: number;
    fps: number;
    scene: { size: number; x: number; y: number };
    segments: { firstFrame: number; lastFrame: number; startMs: number; detailed: string }[];
  };
  let header: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'world-y4m-'));
    const out = join(dir, 'demo.y4m');
    execFileSync(TSX, ['scripts/world-y4m.ts', '--out', out, ...ARGS], { stdio: 'pipe' });
    file = readFileSync(out);
    sidecar = JSON.parse(readFileSync(`${out}.json`, 'utf8'));
    header = file.subarray(0, file.indexOf(0x0a) + 1).toString('latin1');
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the header and 32 frames of 96x64 4:2:0', () => {
    expect(header).toBe('YUV4MPEG2 W96 H64 F4:1 Ip A1:1 C420jpeg XCOLORRANGE=LIMITED\n');
    expect(file.length).toBe(header.length + 32 * ('FRAME\n'.length + FRAME));
    for (let f = 0; f < 32; f++) {
      const at = header.length + f * (6 + FRAME);
      expect(file.subarray(at, at + 6).toString('latin1')).toBe('FRAME\n');
    }
  });

  it('says which scene is in which frames', () => {
    expect(sidecar).toMatchObject({ frames: 32, fps: 4, scene: { size: SCENE, x: OFFSET_X, y: 0 } });
    expect(sidecar.segments.map((s) => [s.firstFrame, s.lastFrame, s.startMs])).toEqual([
      [0, 13, 0],
      [14, 27, 3500],
      [28, 31, 7000],
    ]);
    for (const s of sidecar.segments) expect(s.detailed).toBe(detailedCaption(demoSceneAt(5, s.startMs).objects));
  });

  it("stores each frame's luma as the rendered scene's, in video range, with black bars", () => {
    for (const f of [0, 17, 31]) {
      const rgba = renderScene(demoSceneAt(5, f * 250), SCENE);
      const y = file.subarray(header.length + f * (6 + FRAME) + 6);
      let worst = 0;
      for (let row = 0; row < HEIGHT; row++) {
        for (let col = 0; col < WIDTH; col++) {
          const inScene = col >= OFFSET_X && col < OFFSET_X + SCENE;
          const p = (row * SCENE + col - OFFSET_X) * 4;
          // The common integer form of BT.601 video-range luma: ((66 R + 129 G + 25 B + 128) >> 8) + 16.
          const expected = inScene ? ((66 * rgba[p] + 129 * rgba[p + 1] + 25 * rgba[p + 2] + 128) >> 8) + 16 : 16;
          worst = Math.max(worst, Math.abs(y[row * WIDTH + col] - expected));
        }
      }
      expect(worst, `frame ${f}`).toBeLessThanOrEqual(1);
    }
  });
});
