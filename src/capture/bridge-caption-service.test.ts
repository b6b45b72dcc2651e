import { describe, expect, it } from 'vitest';
import type { FrameCaption } from '../bridge/captioner-client';
import { fitGeometry } from '../core/image/fit';
import { bridgeCaptionService } from './bridge-caption-service';

describe('bridgeCaptionService', () => {
  it('passes frame, options, signal and events through and splits the frame facts off the result', async () => {
    const geometry = fitGeometry(640, 480, 256, 'center-crop');
    const seen: unknown[] = [];
    const client = {
      caption: async (frame: unknown, options: unknown, call: unknown) => {
        seen.push(frame, options, call);
        return {
          backend: 'wasm',
          coarse: { text: 'a', tokens: [1], stopReason: 'eos' },
          frame: { width: 640, height: 480, geometry, decodedWidth: 640, decodedHeight: 480, prepareMs: 1 },
          model: 'glance-world-v3',
        } as unknown as FrameCaption;
      },
    };
    const blob = new Blob(['x']);
    const signal = new AbortController().signal;
    const onEvent = () => undefined;
    const call = { signal, onEvent, events: ['caption'] as const };
    const outcome = await bridgeCaptionService(client).caption(blob, { refine: false }, call);
    expect(seen).toEqual([blob, { refine: false }, { signal, onEvent, events: ['caption'] }]);
    expect(outcome).toEqual({
      result: { backend: 'wasm', coarse: { text: 'a', tokens: [1], stopReason: 'eos' } },
      model: 'glance-world-v3',
      geometry,
      frameWidth: 640,
      frameHeight: 480,
    });
  });
});
