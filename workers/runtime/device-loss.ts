/**
 * Losing the WebGPU device (driver reset, GPU process crash, sleep, another tab's hang): every session and GPU
 * buffer on it is dead and ORT cannot recreate them in this worker (its WebGPU backend is set up once). The
 * worker therefore reports the loss as a crash, and the bridge's restart path (src/bridge/captioner-client.ts)
 * starts a fresh worker that reloads the model: on WebGPU again when an adapter is still offered, on WASM when
 * 'auto' finds none.
 */
import { ort } from './ort-env';

/** What GPUDevice.lost resolves with. */
export interface DeviceLostInfo {
  /** 'destroyed' (device.destroy()) or 'unknown'. */
  reason: string;
  message: string;
}

/** The part of GPUDevice used here (the app's TypeScript setup has no WebGPU types). */
export interface LosableDevice {
  readonly lost: Promise<DeviceLostInfo>;
  destroy(): void;
}

/** ORT's WebGPU device once a WebGPU session has started it; null on WASM or before. */
export function ortWebGpuDevice(): LosableDevice | null {
  const device = Object.getOwnPropertyDescriptor(ort().env.webgpu, 'device')?.value as LosableDevice | undefined;
  return device && typeof device.destroy === 'function' && device.lost instanceof Promise ? device : null;
}

/** The error a lost device becomes; its message names the reason the browser gave. */
export function deviceLostError(info: DeviceLostInfo): Error {
  const error = new Error(
    `the WebGPU device was lost (${info.reason || 'unknown'}${info.message ? `: ${info.message}` : ''}); ` +
      'restarting the captioner',
  );
  error.name = 'DeviceLostError';
  return error;
}

/**
 * Calls `onLost` once when `device` is lost. Watching a device twice is a no-op, so each load may call this.
 */
export function watchDeviceLoss(device: LosableDevice, onLost: (info: DeviceLostInfo) => void): void {
  if (watched.has(device)) return;
  watched.add(device);
  void device.lost.then(onLost);
}

const watched = new WeakSet<LosableDevice>();
