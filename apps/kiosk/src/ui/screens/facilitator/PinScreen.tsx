import { type FormEvent, useState } from 'react';
import { focusOnMount } from '../../focus-on-mount';
import shared from '../../shared.module.css';
import panel from '../panel.module.css';
import styles from './PinScreen.module.css';

/** Facilitator mode opens with the hub's PIN (or a facilitator card shown to the camera at any time). */
export function PinScreen({
  onSubmit,
  onCancel,
  error,
}: {
  onSubmit: (pin: string) => void;
  onCancel: () => void;
  error: string | null;
}) {
  const [pin, setPin] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(pin);
    setPin('');
  };
  const press = (digit: string) => setPin((p) => (p.length < 10 ? p + digit : p));
  return (
    <main className={panel.panel} lang="it" dir="ltr">
      <h1>Modalità facilitatore</h1>
      <form onSubmit={submit} className={panel.form}>
        <label htmlFor="pin">PIN dell'hub (o mostra la tessera facilitatore)</label>
        <input
          id="pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          pattern="[0-9]{6,10}"
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 10))}
          ref={focusOnMount}
        />
        <div className={styles.pinPad}>
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((d) => (
            <button type="button" key={d} onClick={() => press(d)}>
              {d}
            </button>
          ))}
          <button
            type="button"
            className={shared.secondary}
            onClick={() => setPin((p) => p.slice(0, -1))}
            aria-label="Cancella una cifra"
          >
            ⌫
          </button>
        </div>
        {error ? (
          <p role="alert" className={shared.error}>
            {error}
          </p>
        ) : null}
        <div className={shared.actions}>
          <button type="button" className={shared.secondary} onClick={onCancel}>
            Annulla
          </button>
          <button type="submit" disabled={pin.length < 6}>
            Entra
          </button>
        </div>
      </form>
    </main>
  );
}
