import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { focusOnMount } from '../focus-on-mount';
import { applyKey } from '../keyboard/apply-key';
import { PADS } from '../keyboard/layouts';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard';
import shared from '../shared.module.css';
import panel from './panel.module.css';

/** The longest text the field takes: a long card id or a whole card token typed on a physical keyboard. */
const MAX_CODE_LENGTH = 300;

/**
 * For a card whose QR will not scan: the code printed on the card, typed on the on-screen code pad (the short
 * code's symbols only) or on a physical keyboard.
 */
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
  const labels = useMemo(() => ({ keyboard: t('keyboard'), bksp: t('keyBackspace') }), [t]);
  return (
    <main className={panel.panel}>
      <form onSubmit={submit} className={panel.form}>
        <label htmlFor="typed-code">{t('typedTitle')}</label>
        <input
          id="typed-code"
          ref={focusOnMount}
          autoComplete="off"
          spellCheck={false}
          // The on-screen pad types here: no system keyboard on top of it.
          inputMode="none"
          maxLength={MAX_CODE_LENGTH}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          dir="ltr"
        />
        <OnScreenKeyboard
          layout={PADS.cardCode}
          labels={labels}
          onKey={(key) => setCode((c) => applyKey(c, key, MAX_CODE_LENGTH))}
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
