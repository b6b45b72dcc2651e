import { describe, expect, it } from 'vitest';
import { cameraErrorMessage } from './camera-errors';

const domError = (name: string, message = '') => new DOMException(message, name);

describe('cameraErrorMessage', () => {
  it('tells permission refused apart from no camera and camera in use', () => {
    expect(cameraErrorMessage(domError('NotAllowedError')).problem).toBe('permission');
    expect(cameraErrorMessage(domError('NotFoundError')).problem).toBe('no-camera');
    expect(cameraErrorMessage(domError('OverconstrainedError')).problem).toBe('no-camera');
    expect(cameraErrorMessage(domError('NotReadableError')).problem).toBe('in-use');
    expect(cameraErrorMessage(domError('NotAllowedError')).title).toMatch(/permission was refused/i);
    expect(cameraErrorMessage(domError('NotFoundError')).title).toMatch(/no camera/i);
  });

  it('maps the legacy names too', () => {
    expect(cameraErrorMessage(domError('PermissionDeniedError')).problem).toBe('permission');
    expect(cameraErrorMessage(domError('DevicesNotFoundError')).problem).toBe('no-camera');
    expect(cameraErrorMessage(domError('TrackStartError')).problem).toBe('in-use');
  });

  it('says when the browser cannot do it, and keeps the text of unknown errors', () => {
    expect(cameraErrorMessage(new TypeError('mediaDevices is undefined')).problem).toBe('unsupported');
    const other = cameraErrorMessage(new Error('boom'));
    expect(other.problem).toBe('other');
    expect(other.detail).toContain('boom');
    expect(cameraErrorMessage('weird').problem).toBe('other');
  });
});
