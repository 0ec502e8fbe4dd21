import { type FormEvent, useState } from 'react';
import { EnrolmentCamera } from '../enrolment/EnrolmentCamera';
import { KeyboardScope, TouchField } from '../keyboard/KeyboardScope';
import { kioskApi } from '../kiosk-api';
import shared from '../shared.module.css';
import styles from './EnrolmentScreen.module.css';

/**
 * A new kiosk, before its first start: staff show the camera the enrolment QR a coordinator created on the
 * dashboard (EnrolmentCamera), or type the city server's address and the one-time code (on-screen keyboard); and
 * where the kiosk stands. Staff-facing, in Italian.
 */
export function EnrolmentScreen() {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('Ingresso');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void enrol({ serverUrl: serverUrl.trim(), code, name });
  };
  // The typed fields and the camera's QR (EnrolmentCamera, after staff confirm its server) enrol the same way.
  const enrol = async (input: { serverUrl: string; code: string; name: string }) => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await kioskApi.enrol.mutate(input);
      if (outcome.ok) {
        setDone(true);
        // The hub service restarts as the enrolled kiosk: load it again once it is up.
        setTimeout(() => location.reload(), 3_000);
      } else setError(outcome.message);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (done)
    return (
      <main className={shared.centered} role="status">
        Totem registrato. Avvio in corso…
      </main>
    );
  return (
    <main className={styles.screen} lang="it" dir="ltr">
      {/* The scope around the whole screen: its docked keyboard is a cell of the screen's grid (styles.dock). */}
      <KeyboardScope dockClassName={styles.dock}>
        <header className={styles.head}>
          <h1>Registrazione del totem</h1>
          <p>
            Chiedi al coordinamento un codice di registrazione per questo hub (dal cruscotto, pagina
            Dispositivi) e inquadra il suo QR, oppure scrivi l'indirizzo e il codice.
          </p>
        </header>
        <div className={styles.camera}>
          <EnrolmentCamera
            typedServer={() => serverUrl.trim()}
            busy={busy}
            onConfirm={(qr) => void enrol({ ...qr, name })}
          />
        </div>
        <section className={styles.typed} aria-labelledby="enrolment-typed-title">
          <h2 id="enrolment-typed-title">Oppure scrivi indirizzo e codice</h2>
          <form className={styles.form} onSubmit={submit}>
            <TouchField
              label="Indirizzo del server della città"
              kind="url"
              name="serverUrl"
              type="url"
              required
              placeholder="https://hub.comune.vigevano.pv.it"
              value={serverUrl}
              onChange={setServerUrl}
            />
            <TouchField
              label="Codice di registrazione"
              kind="enrolmentCode"
              name="code"
              required
              minLength={6}
              maxLength={64}
              value={code}
              onChange={setCode}
            />
            <TouchField
              label="Dove si trova il totem"
              kind="name"
              name="name"
              required
              maxLength={80}
              value={name}
              onChange={setName}
            />
            {error ? (
              <p role="alert" className={shared.error}>
                {error}
              </p>
            ) : null}
            <button type="submit" disabled={busy}>
              Registra il totem
            </button>
          </form>
        </section>
      </KeyboardScope>
    </main>
  );
}
