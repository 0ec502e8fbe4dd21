import { authRoutes, type SessionUser } from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { useFormErrors } from '../lib/use-form-errors';

export function LoginPage({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const errors = useFormErrors({ '/email': { format: 'Scrivi l’indirizzo email con cui accedi' } });
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    errors.clear();
    try {
      const { user } = await api(authRoutes.login, {
        body: { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
      });
      onSignedIn(user);
    } catch (e) {
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
        <button type="submit" disabled={busy}>
          {busy ? 'Accesso…' : 'Accedi'}
        </button>
      </Form>
    </main>
  );
}
