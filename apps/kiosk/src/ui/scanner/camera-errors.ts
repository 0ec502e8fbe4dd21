import it from '../../../../../resources/translations/it.json';

/** The translation keys (resources/translations, `ui`) of the camera's failure messages. */
export type CameraMessageKey =
  | 'cameraDenied'
  | 'cameraMissing'
  | 'cameraBusy'
  | 'cameraUnsupported'
  | 'cameraFailed'
  | 'cameraFallback';

/** Italian, the hub staff's language: the texts when the caller passes no translation. */
export const italianCameraText = (key: CameraMessageKey): string => it.ui[key];

/** Which failure the DOMException name getUserMedia rejects with stands for. */
function cameraErrorKey(error: unknown): Exclude<CameraMessageKey, 'cameraFallback'> {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'cameraDenied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'cameraMissing';
    case 'NotReadableError':
    case 'AbortError':
      return 'cameraBusy';
    case 'Unsupported':
      return 'cameraUnsupported';
    default:
      return 'cameraFailed';
  }
}

/**
 * What to tell the person at the kiosk when the camera cannot start, in the language `text` translates to (the
 * visitor's; Italian by default): what happened, then what still works (the USB scanner and the typed code).
 */
export function cameraErrorMessage(
  error: unknown,
  text: (key: CameraMessageKey) => string = italianCameraText,
): string {
  return `${text(cameraErrorKey(error))} ${text('cameraFallback')}`;
}
