import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { focusOnMount } from '../focus-on-mount';
import shared from '../shared.module.css';
import panel from './panel.module.css';

/** For a card whose QR will not scan: the id printed under the code, typed on the kiosk's keyboard. */
export function TypedCodeScreen({
  onSubmit,
  onCancel,
}: {
  onSubmit: (code: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) onSubmit(code.trim());
  };
  return (
    <main className={panel.panel}>
      <form onSubmit={submit} className={panel.form}>
        <label htmlFor="typed-code">{t('typedTitle')}</label>
        <input
          id="typed-code"
          ref={focusOnMount}
          autoComplete="off"
          spellCheck={false}
          inputMode="text"
          maxLength={300}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          dir="ltr"
        />
        <div className={shared.actions}>
          <button type="button" className={shared.secondary} onClick={onCancel}>
            {t('cancel')}
          </button>
          <button type="submit" disabled={!code.trim()}>
            {t('confirm')}
          </button>
        </div>
      </form>
    </main>
  );
}
