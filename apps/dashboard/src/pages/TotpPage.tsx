import { type TotpEnrolment, totpRoutes } from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { FormError } from '../components/FormError';
import { TotpCodeField } from '../components/TotpCodeField';

const svgUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/**
 * The second factor (TOTP): scan a QR with an authenticator app, confirm with its first code; from then on signing
 * in asks for the app's code. `required`: the city requires it of admins and nothing else opens until it is done.
 */
export function TotpPage({ required, onEnrolled }: { required: boolean; onEnrolled: () => void }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setError(null);
    try {
      setEnrolment(await api(totpRoutes.start));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Configurazione non avviata.');
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    setError(null);
    try {
      await api(totpRoutes.confirm, { body: { code } });
      setDone(true);
      onEnrolled();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Codice non verificato.');
    }
  }

  return (
    <>
      <h1>Verifica in due passaggi</h1>
      {required ? (
        <p role="alert">
          Il Comune richiede la verifica in due passaggi per gli amministratori: configurala per continuare.
        </p>
      ) : null}
      <p>
        Oltre alla password, all'accesso ti verrà chiesto il codice a 6 cifre di un'app di autenticazione sul
        telefono (per esempio FreeOTP, Aegis, Google Authenticator).
      </p>
      <FormError error={error} />
      {done ? <p role="status">Verifica in due passaggi attivata.</p> : null}
      {!done && !enrolment ? (
        <button type="button" onClick={start}>
          Configura l'app
        </button>
      ) : null}
      {!done && enrolment ? (
        <section className="panel" aria-labelledby="totp-title">
          <h2 id="totp-title">Inquadra il codice QR con l'app</h2>
          <img
            src={svgUrl(enrolment.qrSvg)}
            alt="Codice QR per l'app di autenticazione"
            width={200}
            height={200}
          />
          <p className="muted">
            Oppure inserisci a mano questa chiave: <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <form className="row" onSubmit={confirm}>
            <TotpCodeField label="Codice mostrato dall'app" />
            <button type="submit">Attiva</button>
          </form>
        </section>
      ) : null}
    </>
  );
}
