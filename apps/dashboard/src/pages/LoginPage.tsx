import { authRoutes, type LoginResponse } from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { TotpCodeField } from '../components/TotpCodeField';

export function LoginPage({ onSignedIn }: { onSignedIn: (signedIn: LoginResponse) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // the password was right and the account has a second factor: ask for the app's code
  const [askCode, setAskCode] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const code = String(form.get('code') ?? '').trim();
      const signedIn = await api(authRoutes.login, {
        body: {
          email: String(form.get('email') ?? ''),
          password: String(form.get('password') ?? ''),
          ...(code ? { code } : {}),
        },
      });
      onSignedIn(signedIn);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'totp_required') setAskCode(true);
      setError(e instanceof ApiError ? e.message : 'Accesso non riuscito.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <h1>Hub di Vigevano</h1>
      <p>Cruscotto del coordinamento</p>
      <form onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {askCode ? <TotpCodeField label="Codice dell'app" /> : null}
        {error ? (
          <p id="login-error" role="alert" className="error">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Accesso…' : 'Accedi'}
        </button>
      </form>
    </main>
  );
}
