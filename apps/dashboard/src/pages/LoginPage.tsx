import { authRoutes, type LoginResponse } from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { TotpCodeField } from '../components/TotpCodeField';
import { useFormErrors } from '../lib/use-form-errors';

export function LoginPage({ onSignedIn }: { onSignedIn: (signedIn: LoginResponse) => void }) {
  const errors = useFormErrors({ '/email': { format: 'Scrivi l’indirizzo email con cui accedi' } });
  const [busy, setBusy] = useState(false);
  // the password was right and the account has a second factor: ask for the app's code
  const [askCode, setAskCode] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    errors.clear();
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
      errors.fail(e, 'Accesso non riuscito.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <h1>Hub di Vigevano</h1>
      <p>Cruscotto del coordinamento</p>
      <Form errors={errors} onSubmit={submit}>
        <Field label="Email" path="/email">
          <input name="email" type="email" autoComplete="username" required />
        </Field>
        <Field label="Password" path="/password">
          <input name="password" type="password" autoComplete="current-password" required />
        </Field>
        {askCode ? <TotpCodeField label="Codice dell'app" /> : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Accesso…' : 'Accedi'}
        </button>
      </Form>
    </main>
  );
}
