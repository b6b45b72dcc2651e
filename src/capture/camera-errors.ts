/**
 * What to tell the user when the webcam cannot start. getUserMedia rejects with a DOMException whose `name`
 * says why; older browsers used other names for the same cases, so both are mapped.
 */

export type CameraProblem = 'permission' | 'no-camera' | 'in-use' | 'unsupported' | 'other';

export interface CameraErrorMessage {
  problem: CameraProblem;
  title: string;
  detail: string;
}

const PROBLEM_OF_NAME: Record<string, CameraProblem> = {
  NotAllowedError: 'permission',
  PermissionDeniedError: 'permission',
  SecurityError: 'permission',
  NotFoundError: 'no-camera',
  DevicesNotFoundError: 'no-camera',
  // A remembered camera that is gone now: the constraint on its deviceId cannot be met.
  OverconstrainedError: 'no-camera',
  NotReadableError: 'in-use',
  TrackStartError: 'in-use',
  AbortError: 'in-use',
};

const MESSAGES: Record<CameraProblem, Omit<CameraErrorMessage, 'problem'>> = {
  permission: {
    title: 'Camera permission was refused.',
    detail:
      'Allow camera access for this page in the browser’s address bar or site settings, then press Start again. ' +
      'Or use the demo camera, which needs no permission.',
  },
  'no-camera': {
    title: 'No camera was found.',
    detail: 'Connect a camera (or pick another one in the list) and press Start again, or use the demo camera.',
  },
  'in-use': {
    title: 'The camera could not be started.',
    detail: 'Another application or tab may be using it. Close that one and press Start again.',
  },
  unsupported: {
    title: 'This browser cannot use a camera here.',
    detail: 'Camera access needs a secure page (https or localhost) in a browser that supports it.',
  },
  other: {
    title: 'The camera failed to start.',
    detail: 'Press Start to try again, or use the demo camera.',
  },
};

/** The message for a getUserMedia rejection (matched by `name`: DOMException is not an Error in every runtime). */
export function cameraErrorMessage(error: unknown): CameraErrorMessage {
  const fields = typeof error === 'object' && error !== null ? (error as { name?: unknown; message?: unknown }) : {};
  const name = typeof fields.name === 'string' ? fields.name : '';
  const problem = PROBLEM_OF_NAME[name] ?? (name === 'TypeError' ? 'unsupported' : 'other');
  const message = MESSAGES[problem];
  const technical = typeof fields.message === 'string' ? fields.message : String(error);
  const detail = problem === 'other' && technical ? `${message.detail} (${technical})` : message.detail;
  return { problem, title: message.title, detail };
}
