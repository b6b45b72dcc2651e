/**
 * ffmpeg for the project's scripts: Debian's, installed on demand with apt (as root; otherwise the command to run
 * is named), run with its stderr kept so a failure says why. scripts/real-photos/vtest-y4m.ts and
 * scripts/video/make-videos.ts use it.
 */
import { spawn, spawnSync } from 'node:child_process';

const hasFfmpeg = (): boolean =>
  spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0 &&
  spawnSync('ffprobe', ['-version'], { stdio: 'ignore' }).status === 0;

/**
 * Makes sure ffmpeg (and its ffprobe) can run: installs Debian's package with apt when run as root, and otherwise
 * stops the process, saying `${tool}: ...` and naming the command to run.
 */
export function ensureFfmpeg(tool: string): void {
  if (hasFfmpeg()) return;
  const fail = (message: string): never => {
    console.error(`${tool}: ${message}`);
    process.exit(1);
  };
  const install = 'apt-get update && apt-get install -y --no-install-recommends ffmpeg';
  if (process.getuid?.() !== 0) fail(`ffmpeg is missing: run \`sudo sh -c '${install}'\` and try again.`);
  console.log(`ffmpeg is missing; installing it: ${install}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'ffmpeg'], { stdio: 'inherit', env });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'ffmpeg'], { stdio: 'inherit', env });
  }
  if (r.status !== 0 || !hasFfmpeg()) fail(`could not install ffmpeg (offline?); run \`${install}\` as root.`);
}

/** The last `lines` non-empty lines of a tool's stderr. */
function tail(stderr: string, lines = 12): string {
  return stderr
    .split('\n')
    .map((line) => line.trimEnd())
    .filter(Boolean)
    .slice(-lines)
    .join('\n');
}

function failure(tool: string, args: readonly string[], status: number | null, stderr: string): Error {
  const how = status === null ? 'was killed' : `exited with ${status}`;
  return new Error(`${tool} ${args.join(' ')} ${how}:\n${tail(stderr)}`);
}

/** Runs ffmpeg (quiet: errors only, no banner); returns its stdout, throws with the tail of its stderr on failure. */
export function runFfmpeg(args: readonly string[]): Buffer {
  const full = ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args];
  const r = spawnSync('ffmpeg', full, { maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw failure('ffmpeg', full, r.status, r.stderr.toString());
  return r.stdout;
}

/**
 * Runs ffmpeg with `frames` written to its stdin in turn (raw video, so `args` should read `-i pipe:0`), honouring
 * back-pressure so a long clip never sits in memory; throws like runFfmpeg.
 */
export async function pipeToFfmpeg(args: readonly string[], frames: Iterable<Uint8Array>): Promise<void> {
  const full = ['-hide_banner', '-loglevel', 'error', ...args];
  const child = spawn('ffmpeg', full, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  // An ffmpeg that fails early closes its stdin; the write error is reported as ffmpeg's failure below.
  let writeError: Error | null = null;
  child.stdin.on('error', (error) => {
    writeError = error;
  });
  const drained = (): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        child.stdin.off('drain', done);
        child.stdin.off('close', done);
        resolve();
      };
      child.stdin.on('drain', done);
      child.stdin.on('close', done);
    });
  for (const frame of frames) {
    if (writeError || child.stdin.destroyed) break;
    if (!child.stdin.write(frame)) await drained();
  }
  child.stdin.end();
  const code = await exited;
  if (code !== 0) throw failure('ffmpeg', full, code, stderr);
  if (writeError) throw writeError;
}

/** What ffprobe says of a file: its streams and container, as ffprobe's JSON. */
export interface Probe {
  streams: {
    codec_type: string;
    codec_name: string;
    width?: number;
    height?: number;
    pix_fmt?: string;
    avg_frame_rate?: string;
    nb_read_frames?: string;
    sample_rate?: string;
    channels?: number;
  }[];
  format: { format_name: string; duration?: string; size: string };
}

/** ffprobe's view of `file` (with `countFrames`, decoded frames per stream); throws on an unreadable file. */
export function probe(file: string, countFrames = false): Probe {
  const args = ['-v', 'error', '-of', 'json', '-show_streams', '-show_format'];
  if (countFrames) args.push('-count_frames');
  const r = spawnSync('ffprobe', [...args, file], { maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw failure('ffprobe', [...args, file], r.status, r.stderr.toString());
  return JSON.parse(r.stdout.toString()) as Probe;
}
