import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptionPass } from '../core/caption-types';
import { type NodeEngine, loadNodeEngine } from './load-engine';

// Made by `npm run models:real` and `npm run photos:real`, the first stage of `npm test`.
const BUNDLE = 'public/models/glance-real-v1';
const PHOTO = '.cache/real-photos/photos/person.jpg';

/** The real-world engine's progress hooks: what the worker turns into the events the views listen to. */
describe('real-world engine progress', () => {
  let node: NodeEngine;
  beforeAll(async () => {
    for (const path of [BUNDLE, PHOTO]) {
      if (!existsSync(path)) throw new Error(`${path} is missing: run npm run models:real && npm run photos:real`);
    }
    node = await loadNodeEngine(BUNDLE);
  }, 60_000);
  afterAll(() => node?.dispose());

  it('reports each pass caption once its pass is over, equal to the streamed words and the result', async () => {
    const order: string[] = [];
    const words: Record<CaptionPass, string> = { coarse: '', refined: '' };
    const result = await node.captionImage(
      readFileSync(PHOTO),
      'person.jpg',
      { style: 'detailed' },
      {
        onStage: (stage) => order.push(stage),
        onToken: (pass, text) => void (words[pass] += text),
        onCaption: (pass, text) => order.push(`${pass}: ${text}`),
      },
    );
    expect(result.refined?.text).toBeTruthy();
    expect(words.coarse).toBe(result.coarse.text);
    expect(words.refined).toBe(result.refined!.text);
    expect(order).toEqual([
      'preprocess',
      'encode',
      'pass1',
      `coarse: ${result.coarse.text}`,
      'saliency',
      'regions',
      'lookAgain',
      'pass2',
      `refined: ${result.refined!.text}`,
      'done',
    ]);
  });
});
