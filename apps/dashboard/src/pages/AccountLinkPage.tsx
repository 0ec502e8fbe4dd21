import { type AccountLinkInfo, accountLinkRoutes } from '@vigevano/protocol';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../api';
import { FormError } from '../components/FormError';
import { fmtDateTime } from '../lib/format';
import { ROLE_LABEL } from '../lib/roles';

const PURPOSE: Record<AccountLinkInfo['kind'], string> = {
  setup: 'Crea il primo account di amministrazione',
  invite: 'Attiva il tuo account',
  reset: 'Scegli una nuova password',
};

type State =
  | { kind: 'loading' }
  | { kind: 'unusable'; message: string }
  | { kind: 'ready'; info: AccountLinkInfo }
  | { kind: 'done'; email: string };

/**
 * `/accesso/:token`, opened without signing in: the one-time link of an invitation, a password reset or the first
 * administrator's setup. The person sets their name and password (the server checks its strength); the link then
 * stops working. A used, expired or mistyped link says so.
 */
export function AccountLinkPage() {
  const { token = '' } = useParams();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api(accountLinkRoutes.describe, { params: { token } })
      .then((info) => setState({ kind: 'ready', info }))
      .catch((e: unknown) =>
        setState({ kind: 'unusable', message: e instanceof ApiError ? e.message : 'Link non valido.' }),
      );
  }, [token]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (state.kind !== 'ready') return;
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('confirm') ?? '')) {
      setError('le due password non coincidono');
      return;
    }
    const email = String(form.get('email') ?? '');
    setBusy(true);
    setError(null);
    try {
      const { user } = await api(accountLinkRoutes.accept, {
        params: { token },
        body: { name: String(form.get('name') ?? ''), password, ...(email ? { email } : {}) },
      });
      setState({ kind: 'done', email: user.email });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Operazione non riuscita.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <h1>Hub di Vigevano</h1>
      {state.kind === 'loading' ? <p role="status">Caricamento…</p> : null}
      {state.kind === 'unusable' ? (
        <>
          <FormError error={state.message} />
          <p>
            <Link to="/">Vai all'accesso</Link>
          </p>
        </>
      ) : null}
      {state.kind === 'done' ? (
        <>
          <p role="status">Fatto: ora puoi accedere come {state.email}.</p>
          <p>
            <Link to="/">Vai all'accesso</Link>
          </p>
        </>
      ) : null}
      {state.kind === 'ready' ? (
        <form onSubmit={submit} aria-describedby={error ? 'link-error' : undefined}>
          <p>{PURPOSE[state.info.kind]}</p>
          <p className="muted">
            Ruolo: {ROLE_LABEL[state.info.role]}
            {state.info.hubNames.length > 0 ? ` · hub: ${state.info.hubNames.join(', ')}` : ''} · il link vale
            fino a {fmtDateTime(state.info.expiresAt)}, una sola volta.
          </p>
          {state.info.email ? (
            <p>
              Account: <strong>{state.info.email}</strong>
            </p>
          ) : (
            <label>
              Email
              <input name="email" type="email" autoComplete="username" required />
            </label>
          )}
          <label>
            Nome e cognome
            <input
              name="name"
              autoComplete="name"
              required
              maxLength={120}
              defaultValue={state.info.name ?? ''}
              readOnly={state.info.kind === 'reset'}
            />
          </label>
          <label>
            Nuova password
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              aria-describedby="password-hint"
            />
          </label>
          <p id="password-hint" className="muted">
            Almeno 10 caratteri, difficile da indovinare: per esempio tre o quattro parole a caso.
          </p>
          <label>
            Ripeti la password
            <input name="confirm" type="password" autoComplete="new-password" required />
          </label>
          <FormError id="link-error" error={error} />
          <button type="submit" disabled={busy}>
            {busy ? 'Salvataggio…' : 'Salva la password'}
          </button>
        </form>
      ) : null}
    </main>
  );
}
