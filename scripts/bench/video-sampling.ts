/**
 * The two ways of sampling frames from a video file (issue 18: "measure both"), in a page of its own that holds no
 * app code: seeking a detached HTMLVideoElement (what the app does, src/capture/video-file/video-sample-source.ts)
 * and WebCodecs, mp4box (npm) demuxing and a VideoDecoder decoding. Both keep one frame per step, copy it in its
 * native layout and close it, from the file's bytes already in memory; they alternate within a round and which
 * goes first alternates between rounds, so the machine's changing load falls on both alike.
 *
 * WebCodecs decodes every frame: a frame needs all frames since its keyframe, and the clips' keyframes are every
 * 2 s (plus x264's own), not at the steps.
 */
import type { Browser } from '@playwright/test';
import type * as Mp4Box from 'mp4box';
import type { SamplingRound, VideoSamplingMeasurement } from '../../src/bench/video-types';
import { NAME_SHIM } from './page-hooks';

/** The page the comparison runs in (static-server.ts `pages`): a blank document on the bench server's origin. */
export const SAMPLING_PAGE = '/bench-video-sampling.html';
export const SAMPLING_PAGE_HTML = '<!doctype html><meta charset="utf-8"><title>Glance bench: video sampling</title>';
/** Where the server answers with mp4box's ES module files and with the test videos. */
export const MP4BOX_PREFIX = '/bench-vendor/mp4box/';
export const MP4BOX_DIR = 'node_modules/mp4box/dist';
export const VIDEOS_PREFIX = '/bench-videos/';

export interface SamplingOptions {
  origin: string;
  /** The file's name under VIDEOS_PREFIX (bench-60s.mp4). */
  file: string;
  stepSec: number;
  rounds: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

interface PageArgs {
  videoUrl: string;
  mp4boxUrl: string;
  stepSec: number;
  method: SamplingRound['method'];
}

interface PageRound {
  totalMs: number;
  openMs: number;
  keptFrames: number;
  decodedFrames: number;
  codec: string | null;
  /** A checksum of each kept frame's bytes, in step order: the two methods must keep the same pictures. */
  sums: number[];
}

/** Runs in the page: one pass of one method over the whole file. No imports at run time (mp4box is loaded by URL). */
async function samplingPass(args: PageArgs): Promise<PageRound> {
  const bytes = await (await fetch(args.videoUrl)).arrayBuffer();
  const blob = new Blob([bytes], { type: 'video/mp4' });
  const buffer = { data: new Uint8Array(0) };
  const sums: number[] = [];
  /**
   * The copy the app makes for the signature: the frame's own layout, into one reused buffer; then a cheap checksum
   * (every 64th byte), so the two methods can be shown to keep the same pictures.
   */
  const copy = async (frame: VideoFrame): Promise<number> => {
    const size = frame.allocationSize();
    if (buffer.data.byteLength < size) buffer.data = new Uint8Array(size);
    await frame.copyTo(buffer.data.subarray(0, size));
    let sum = 0;
    for (let i = 0; i < size; i += 64) sum = (sum * 31 + buffer.data[i]) >>> 0;
    return sum;
  };

  if (args.method === 'seek') {
    const url = URL.createObjectURL(blob);
    const started = performance.now();
    const video = document.createElement('video');
    video.muted = true;
    video.preload = 'auto';
    const until = (event: string) =>
      new Promise<void>((resolve, reject) => {
        const ok = () => {
          video.removeEventListener('error', failed);
          resolve();
        };
        const failed = () => {
          video.removeEventListener(event, ok);
          reject(new Error(`video error ${video.error?.code}: ${video.error?.message}`));
        };
        video.addEventListener(event, ok, { once: true });
        video.addEventListener('error', failed, { once: true });
      });
    const loaded = until('loadeddata');
    video.src = url;
    await loaded;
    const openMs = performance.now() - started;
    let kept = 0;
    for (let t = 0; t < video.duration - 1e-6; t = ++kept * args.stepSec) {
      const seeked = until('seeked');
      video.currentTime = t;
      await seeked;
      const frame = new VideoFrame(video, { timestamp: Math.round(t * 1e6) });
      try {
        sums.push(await copy(frame));
      } finally {
        frame.close();
      }
    }
    const totalMs = performance.now() - started;
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
    return { totalMs, openMs, keptFrames: kept, decodedFrames: kept, codec: null, sums };
  }

  const mp4box = (await import(args.mp4boxUrl)) as typeof Mp4Box;
  const started = performance.now();
  const file = mp4box.createFile();
  const samples: Mp4Box.Sample[] = [];
  // As mp4box's examples do: the extraction is set up when the index is read, before the media data is appended
  // on (the whole file is one buffer here, so it all happens inside appendBuffer).
  const ready = new Promise<Mp4Box.Movie>((resolve, reject) => {
    file.onReady = (movie) => {
      const video = movie.videoTracks[0];
      if (video) {
        file.setExtractionOptions(video.id, null, { nbSamples: video.nb_samples });
        file.start();
      }
      resolve(movie);
    };
    file.onError = (module: string, message: string) => reject(new Error(`mp4box ${module}: ${message}`));
  });
  file.onSamples = (_id, _user, got) => void samples.push(...got);
  file.appendBuffer(mp4box.MP4BoxBuffer.fromArrayBuffer(bytes.slice(0), 0));
  file.flush();
  const info = await ready;
  const track = info.videoTracks[0];
  if (!track) throw new Error('no video track');
  const entry = file.getTrackById(track.id).mdia.minf.stbl.stsd.entries[0] as Mp4Box.VisualSampleEntry;
  const box = entry.avcC ?? entry.hvcC ?? entry.vpcC ?? entry.av1C;
  let description: Uint8Array | undefined;
  if (box) {
    const stream = new mp4box.DataStream(undefined, 0, mp4box.Endianness.BIG_ENDIAN);
    // The boxes' typings ask for a MultiBufferStream; writing needs only a DataStream's writers.
    box.write(stream as Mp4Box.MultiBufferStream);
    description = new Uint8Array(stream.buffer, 8); // without the box header
  }
  // The edit list's media time starts the presentation (x264 with B-frames: 2 frames in); a player applies it, so
  // the decoder's timestamps must too, or every kept frame would be 2 frames late.
  const shift = track.edits?.find((e) => e.media_time >= 0)?.media_time ?? 0;
  if (samples.length < track.nb_samples)
    throw new Error(`mp4box gave ${samples.length} of ${track.nb_samples} samples`);
  // One copy at a time, in output order, as the seek's (and the shared buffer stays whole for the checksum).
  let copies: Promise<void> = Promise.resolve();
  let decoded = 0;
  let kept = 0;
  let failure: Error | null = null;
  const durationUs = (track.samples_duration / track.timescale) * 1e6;
  const stepUs = args.stepSec * 1e6;
  const decoder = new VideoDecoder({
    output: (frame) => {
      decoded++;
      // The frame shown at a step is the one whose display interval holds it (what a seek there shows).
      const end = frame.timestamp + (frame.duration ?? 0);
      let steps = 0;
      while (kept * stepUs < end - 0.5 && kept * stepUs < durationUs - 1) {
        steps++;
        kept++;
      }
      if (steps === 0) {
        frame.close();
        return;
      }
      copies = copies
        .then(() => copy(frame))
        .then((sum) => void sums.push(...Array<number>(steps).fill(sum)))
        .finally(() => frame.close());
    },
    error: (error) => {
      failure = error;
    },
  });
  const config: VideoDecoderConfig = {
    codec: track.codec,
    codedWidth: track.video?.width ?? track.track_width,
    codedHeight: track.video?.height ?? track.track_height,
    description,
    hardwareAcceleration: 'prefer-software',
  };
  const support = await VideoDecoder.isConfigSupported(config);
  if (!support.supported) throw new Error(`VideoDecoder does not support ${track.codec}`);
  decoder.configure(config);
  const openMs = performance.now() - started;
  for (const sample of samples) {
    decoder.decode(
      new EncodedVideoChunk({
        type: sample.is_sync ? 'key' : 'delta',
        timestamp: Math.round(((sample.cts - shift) * 1e6) / sample.timescale),
        duration: Math.round((sample.duration * 1e6) / sample.timescale),
        data: sample.data!,
      }),
    );
    // Let the decoder's queue drain now and then, as a streaming reader would, rather than queue the whole file.
    if (decoder.decodeQueueSize > 32) {
      await new Promise<void>((resolve) => decoder.addEventListener('dequeue', () => resolve(), { once: true }));
    }
  }
  await decoder.flush();
  await copies;
  decoder.close();
  if (failure) throw failure;
  const totalMs = performance.now() - started;
  return { totalMs, openMs, keptFrames: kept, decodedFrames: decoded, codec: track.codec, sums };
}

/** Kept frames whose checksums agree, step by step; null when the two kept a different number of frames. */
export function matchingFrames(a: readonly number[], b: readonly number[]): number | null {
  return a.length === b.length ? a.filter((sum, i) => sum === b[i]).length : null;
}

/** Both methods, `rounds` times, interleaved, in a fresh context of `browser`. */
export async function compareSampling(browser: Browser, options: SamplingOptions): Promise<VideoSamplingMeasurement> {
  const context = await browser.newContext();
  await context.addInitScript({ content: NAME_SHIM });
  const result: VideoSamplingMeasurement = {
    file: options.file,
    stepSec: options.stepSec,
    codec: null,
    hardwareAcceleration: 'prefer-software',
    rounds: [],
    matchingFrames: null,
    error: null,
  };
  try {
    const page = await context.newPage();
    await page.goto(`${options.origin}${SAMPLING_PAGE}`);
    const args = {
      videoUrl: `${VIDEOS_PREFIX}${options.file}`,
      mp4boxUrl: `${MP4BOX_PREFIX}mp4box.all.mjs`,
      stepSec: options.stepSec,
    };
    const seekSums: number[][] = [];
    const codecSums: number[][] = [];
    for (let round = 0; round < options.rounds; round++) {
      const order: SamplingRound['method'][] = round % 2 === 0 ? ['seek', 'webcodecs'] : ['webcodecs', 'seek'];
      for (const method of order) {
        const pass = await page.evaluate(samplingPass, { ...args, method });
        result.codec ??= pass.codec;
        const { codec: _codec, sums, ...figures } = pass;
        result.rounds.push({ method, round, ...figures });
        (method === 'seek' ? seekSums : codecSums).push(sums);
        options.log?.(
          `  round ${round + 1} ${method}: ${pass.totalMs.toFixed(0)} ms, ${pass.keptFrames} kept` +
            (method === 'webcodecs' ? ` of ${pass.decodedFrames} decoded` : ''),
        );
      }
    }
    if (seekSums[0] && codecSums[0]) result.matchingFrames = matchingFrames(seekSums[0], codecSums[0]);
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    await context.close();
  }
  return result;
}
