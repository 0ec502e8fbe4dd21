import { ENROLMENT_QR_PREFIX, EnrolmentQrPayload, parseEnrolmentQrText } from '@vigevano/protocol';
// Value.Check interprets the schema: the kiosk's CSP has no 'unsafe-eval', so typebox/compile is not an option here.
import { Value } from 'typebox/value';

/** What the enrolment screen does with a code its camera read. Messages are Italian: the screen is for staff. */
export type EnrolmentQrReading =
  | { kind: 'enrolment'; serverUrl: string; code: string; serverOrigin: string }
  | { kind: 'refused'; message: string };

export const NOT_AN_ENROLMENT_QR =
  'Questo QR non è un QR di registrazione del totem: inquadra il QR della pagina Dispositivi del cruscotto.';
export const DAMAGED_ENROLMENT_QR =
  'Questo QR di registrazione non è valido (indirizzo o codice illeggibili): creane uno nuovo dal cruscotto.';

/**
 * Reads a code shown to the enrolment screen's camera: an enrolment QR (`vigevano-enrol:server=…&code=…`, written
 * by enrolmentQrText in @vigevano/protocol) whose contents pass the EnrolmentQrPayload schema. When staff already
 * typed a server address, a QR for another server (another origin) is refused: the typed address wins, the QR
 * never silently replaces it. Pure: nothing is enrolled or filled here.
 * @param text the decoded text, untrusted (anyone can hold any QR to the camera)
 * @param typedServer the server field as staff left it ('' when empty)
 */
export function readEnrolmentQr(text: string, typedServer: string): EnrolmentQrReading {
  const parsed = parseEnrolmentQrText(text);
  if (!parsed)
    return {
      kind: 'refused',
      message: text.startsWith(ENROLMENT_QR_PREFIX) ? DAMAGED_ENROLMENT_QR : NOT_AN_ENROLMENT_QR,
    };
  if (!Value.Check(EnrolmentQrPayload, parsed)) return { kind: 'refused', message: DAMAGED_ENROLMENT_QR };
  const serverOrigin = new URL(parsed.serverUrl).origin;
  const typed = typedServer.trim();
  if (typed && originOf(typed) !== serverOrigin)
    return {
      kind: 'refused',
      message: `Questo QR è di un altro server (${serverOrigin}), non di quello scritto qui (${typed}): usa il QR creato sul cruscotto di questo server, o correggi l'indirizzo.`,
    };
  return { kind: 'enrolment', serverUrl: parsed.serverUrl, code: parsed.code, serverOrigin };
}

function originOf(address: string): string | undefined {
  try {
    return new URL(address).origin;
  } catch {
    return undefined;
  }
}
