/**
 * What to tell the person at the kiosk (in Italian, the staff's language) when the camera cannot start, from
 * the DOMException name getUserMedia rejects with. Each message says what still works: the USB scanner and the
 * typed code.
 */
export function cameraErrorMessage(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const fallback = 'Si può usare il lettore di codici o digitare il codice della tessera.';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Il permesso di usare la fotocamera è stato negato. ${fallback}`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return `Nessuna fotocamera trovata. Controllare che sia collegata. ${fallback}`;
    case 'NotReadableError':
    case 'AbortError':
      return `La fotocamera è occupata o non risponde. Riavviare il totem se il problema resta. ${fallback}`;
    case 'Unsupported':
      return `Questo browser non può usare la fotocamera. ${fallback}`;
    default:
      return `La fotocamera non si è avviata. ${fallback}`;
  }
}
