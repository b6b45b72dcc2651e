import { useCallback, useEffect, useRef, useState } from 'react';
import { cameraErrorMessage, type CameraErrorMessage } from './camera-errors';
import { listCameras, openDemoCamera, openWebcam, type OpenSource } from './media-source';

export type SourceState =
  | { state: 'off' }
  | { state: 'starting'; kind: OpenSource['kind'] }
  | { state: 'on'; source: OpenSource }
  | { state: 'error'; kind: OpenSource['kind']; message: CameraErrorMessage };

/**
 * The Live view's picture source. One source at a time: starting one stops the previous; unmounting stops it.
 * A start that a newer start overtook stops its own stream instead of showing it.
 */
export function useMediaSource() {
  const [source, setSource] = useState<SourceState>({ state: 'off' });
  const [cameras, setCameras] = useState<{ deviceId: string; label: string }[]>([]);
  const current = useRef<OpenSource | null>(null);
  const attempt = useRef(0);

  const refreshCameras = useCallback(async () => {
    try {
      setCameras(await listCameras());
    } catch {
      setCameras([]);
    }
  }, []);

  const stop = useCallback(() => {
    attempt.current++;
    current.current?.stop();
    current.current = null;
    setSource({ state: 'off' });
  }, []);

  const start = useCallback(
    async (kind: OpenSource['kind'], deviceId = '') => {
      const mine = ++attempt.current;
      current.current?.stop();
      current.current = null;
      setSource({ state: 'starting', kind });
      try {
        const opened = kind === 'demo' ? openDemoCamera() : await openWebcam(deviceId);
        if (mine !== attempt.current) {
          opened.stop();
          return;
        }
        current.current = opened;
        setSource({ state: 'on', source: opened });
        // Labels appear once permission is granted, so list the cameras again after a webcam opened.
        if (kind === 'webcam') void refreshCameras();
      } catch (error) {
        if (mine === attempt.current) setSource({ state: 'error', kind, message: cameraErrorMessage(error) });
      }
    },
    [refreshCameras],
  );

  useEffect(() => {
    let mounted = true;
    listCameras().then(
      (list) => mounted && setCameras(list),
      () => undefined,
    );
    const devices = navigator.mediaDevices;
    devices?.addEventListener?.('devicechange', refreshCameras);
    // The ref objects themselves (not their values) are what the cleanup must reach.
    const attempts = attempt;
    const running = current;
    return () => {
      mounted = false;
      devices?.removeEventListener?.('devicechange', refreshCameras);
      attempts.current++;
      running.current?.stop();
      running.current = null;
    };
  }, [refreshCameras]);

  return { source, cameras, start, stop };
}
