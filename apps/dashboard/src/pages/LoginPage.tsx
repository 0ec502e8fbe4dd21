import { authRoutes, type SessionUser } from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';

export function LoginPage({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const { user } = await api(authRoutes.login, {
        body: { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
      });
      onSignedIn(user);
    } catch (e) {
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
