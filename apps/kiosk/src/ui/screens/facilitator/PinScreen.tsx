import { type FormEvent, useState } from 'react';
import { focusOnMount } from '../../focus-on-mount';
import { applyKey } from '../../keyboard/apply-key';
import { PADS } from '../../keyboard/layouts';
import { OnScreenKeyboard } from '../../keyboard/OnScreenKeyboard';
import shared from '../../shared.module.css';
import panel from '../panel.module.css';

/** A PIN is 6 to 10 digits (the server's rule for facilitator PINs). */
const PIN_MAX = 10;
const PIN_MIN = 6;
const KEY_LABELS = { keyboard: 'Tastierino del PIN', bksp: 'Cancella una cifra' };

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
  return (
    <main className={panel.panel} lang="it" dir="ltr">
      <h1>Modalità facilitatore</h1>
      <form onSubmit={submit} className={panel.form}>
        <label htmlFor="pin">PIN dell'hub (o mostra la tessera facilitatore)</label>
        <input
          id="pin"
          type="password"
          // The pad below types the PIN: no system keyboard on top of it.
          inputMode="none"
          autoComplete="off"
          pattern="[0-9]{6,10}"
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, PIN_MAX))}
          ref={focusOnMount}
        />
        <OnScreenKeyboard
          layout={PADS.digits}
          labels={KEY_LABELS}
          onKey={(key) => setPin((p) => applyKey(p, key, PIN_MAX))}
        />
        {error ? (
          <p role="alert" className={shared.error}>
            {error}
          </p>
        ) : null}
        <div className={shared.actions}>
          <button type="button" className={shared.secondary} onClick={onCancel}>
            Annulla
          </button>
          <button type="submit" disabled={pin.length < PIN_MIN}>
            Entra
          </button>
        </div>
      </form>
    </main>
  );
}
