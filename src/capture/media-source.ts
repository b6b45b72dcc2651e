/**
 * Opening a picture source for the Live view and the widget: the world's demo camera or a webcam. Browser-only,
 * no React.
 */
import { startDemoCamera, type DemoCamera } from '../world/demo-camera';
import type { Scene } from '../world/scene';

/** Side of the demo camera's picture: the world's native size, what the model was trained on. */
export const DEMO_CAMERA_SIZE = 256;
/** The demo camera's frame rate: the scene drifts every 250 ms, so more would only repeat frames. */
export const DEMO_CAMERA_FPS = 15;
/** A webcam resolution request: enough detail for the second look, cheap to grab. */
const WEBCAM_IDEAL = { width: 640, height: 480 };

/** A started source: its stream, how to stop it, and for the demo camera the true scene in view. */
export interface OpenSource {
  kind: 'demo' | 'webcam';
  stream: MediaStream;
  /** The deviceId the browser actually opened ('' for the demo camera). */
  deviceId: string;
  /** The demo camera's true scene now; null for a webcam. */
  currentScene: () => Scene | null;
  stop(): void;
}

export function openDemoCamera(seed = 1): OpenSource {
  const camera: DemoCamera = startDemoCamera({ size: DEMO_CAMERA_SIZE, fps: DEMO_CAMERA_FPS, seed });
  return {
    kind: 'demo',
    stream: camera.stream,
    deviceId: '',
    currentScene: () => camera.currentScene(),
    stop: () => camera.stop(),
  };
}

/**
 * Opens a webcam: the one with `deviceId` when given and still present, else the browser's default. Rejects
 * with getUserMedia's DOMException (see camera-errors.ts) when there is none or permission is refused.
 */
export async function openWebcam(deviceId: string): Promise<OpenSource> {
  if (!navigator.mediaDevices?.getUserMedia)
    throw new TypeError('navigator.mediaDevices.getUserMedia is not available');
  const ask = (id: string) =>
    navigator.mediaDevices.getUserMedia({
      audio: false,
      video: id ? { deviceId: { exact: id }, ...idealSize() } : idealSize(),
    });
  let stream: MediaStream;
  try {
    stream = await ask(deviceId);
  } catch (error) {
    // A remembered camera that was unplugged: fall back to the default one rather than fail.
    const name = (error as { name?: string }).name;
    if (!deviceId || (name !== 'OverconstrainedError' && name !== 'NotFoundError')) throw error;
    stream = await ask('');
  }
  const track = stream.getVideoTracks()[0];
  return {
    kind: 'webcam',
    stream,
    deviceId: track?.getSettings().deviceId ?? '',
    currentScene: () => null,
    stop: () => stream.getTracks().forEach((t) => t.stop()),
  };
}

function idealSize(): MediaTrackConstraints {
  return { width: { ideal: WEBCAM_IDEAL.width }, height: { ideal: WEBCAM_IDEAL.height } };
}

/** The cameras the browser lists; labels are empty until the user has granted permission once. */
export async function listCameras(): Promise<{ deviceId: string; label: string }[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}
