import type { VideoFileProblem } from './video-file-checks';

/** A video file Glance cannot caption, with the words to show. `name` is 'VideoFileError'. */
export class VideoFileError extends Error {
  readonly problem: VideoFileProblem['problem'];
  readonly title: string;
  readonly detail: string;

  constructor({ problem, title, detail }: VideoFileProblem) {
    super(`${title} ${detail}`);
    this.name = 'VideoFileError';
    this.problem = problem;
    this.title = title;
    this.detail = detail;
  }
}
