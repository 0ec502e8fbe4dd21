import { useRef, useState } from 'react';
import { ScannerView } from '../scanner/ScannerView';
import { ScanDedupe } from '../scanner/scan-dedupe';
import shared from '../shared.module.css';
import styles from './EnrolmentCamera.module.css';
import { type EnrolmentQrReading, readEnrolmentQr } from './enrolment-qr';

export interface EnrolmentCameraProps {
  /** the server address staff typed in the form, '' when none: a QR for another server is then refused */
  typedServer: () => string;
  /** enrols with the QR's server and code, after staff confirmed the server shown (the form's place is added) */
  onConfirm: (qr: { serverUrl: string; code: string }) => void;
  /** an enrolment is under way: the confirm button waits */
  busy: boolean;
}

/** Nothing read yet, a refusal on screen, or an enrolment QR waiting for staff to confirm its server. */
type Reading = { kind: 'none' } | EnrolmentQrReading;

/**
 * The enrolment screen's camera: the QR a coordinator shows on the dashboard (page Dispositivi) enrols the kiosk.
 *
 * Trust boundary: the QR carries the server's address as well as the code, and anyone can hold a QR to a kiosk.
 * A hostile QR must not quietly point the kiosk at a hostile server (which would then feed it its "city" data
 * and updates). So a QR never enrols by itself: it is checked (readEnrolmentQr: the house's TypeBox schema, and
 * refused when staff already typed another server), then the server's address is shown large and staff confirm
 * it with a button. The hub service still refuses plain http to another machine (server-url.ts) whatever the QR
 * says. Staff-facing, in Italian.
 */
export function EnrolmentCamera({ typedServer, onConfirm, busy }: EnrolmentCameraProps) {
  const [reading, setReading] = useState<Reading>({ kind: 'none' });
  // A QR held still is read once; "Leggi di nuovo" forgets it, so the same QR is checked again (e.g. after staff
  // corrected the typed address) without taking it away from the camera.
  const dedupe = useRef(new ScanDedupe(3000));
  const again = () => {
    dedupe.current.reset();
    setReading({ kind: 'none' });
  };
  const onScan = (text: string) => {
    setReading(readEnrolmentQr(text, typedServer()));
  };
  return (
    // data-reading: a refusal or a confirmation is on screen, which the enrolment screen keeps in sight (it then
    // gives the camera its place back from the docked keyboard, EnrolmentScreen.module.css).
    <section
      className={styles.camera}
      aria-labelledby="enrolment-camera-title"
      data-reading={reading.kind === 'none' ? undefined : reading.kind}
    >
      <h2 id="enrolment-camera-title">Con il QR del cruscotto</h2>
      <ScannerView
        onScan={onScan}
        dedupe={dedupe.current}
        active={reading.kind !== 'enrolment'}
        frameFraction={0.8}
        fill
        hint="Inquadra il QR di registrazione mostrato dal cruscotto"
        previewLabel="Anteprima della fotocamera per il QR di registrazione"
        failureMessage={() => 'La fotocamera non si è avviata: scrivi indirizzo e codice qui sotto.'}
      />
      {reading.kind === 'refused' ? (
        <div className={styles.refused}>
          <p role="alert" className={shared.error} data-testid="enrolment-qr-refused">
            {reading.message}
          </p>
          <button type="button" className={shared.secondary} onClick={again}>
            Leggi di nuovo
          </button>
        </div>
      ) : null}
      {reading.kind === 'enrolment' ? (
        <section className={styles.confirm} aria-labelledby="enrolment-confirm-title">
          <p id="enrolment-confirm-title">Il totem si registrerà presso il server:</p>
          <p className={styles.server} data-testid="enrolment-qr-server">
            <bdi>{reading.serverOrigin}</bdi>
          </p>
          <p>Controlla che sia l'indirizzo del server della città, poi conferma.</p>
          <div className={shared.actions}>
            <button
              type="button"
              disabled={busy}
              onClick={() => onConfirm({ serverUrl: reading.serverUrl, code: reading.code })}
            >
              Conferma e registra
            </button>
            <button type="button" className={shared.secondary} onClick={again}>
              Annulla
            </button>
          </div>
        </section>
      ) : null}
    </section>
  );
}
