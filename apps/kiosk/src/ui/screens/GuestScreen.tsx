import { AGE_BANDS } from '@vigevano/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import shared from '../shared.module.css';
import styles from './GuestScreen.module.css';
import panel from './panel.module.css';

type AgeBand = (typeof AGE_BANDS)[number];

/** A visitor without a card is counted by two large-button answers: age band and first visit. No personal data. */
export function GuestScreen({
  onSubmit,
  onCancel,
}: {
  onSubmit: (ageBand: AgeBand, firstVisit: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [age, setAge] = useState<AgeBand | null>(null);
  return (
    <main className={panel.panel}>
      <h1>{t('guestTitle')}</h1>
      {age === null ? (
        <fieldset className={styles.choices}>
          <legend>{t('ageQuestion')}</legend>
          {AGE_BANDS.map((band) => (
            <button type="button" key={band} onClick={() => setAge(band)}>
              {t(`age_${band}`)}
            </button>
          ))}
        </fieldset>
      ) : (
        <fieldset className={styles.choices}>
          <legend>{t('firstVisit')}</legend>
          <button type="button" onClick={() => onSubmit(age, true)}>
            {t('yes')}
          </button>
          <button type="button" onClick={() => onSubmit(age, false)}>
            {t('no')}
          </button>
        </fieldset>
      )}
      <div className={shared.actions}>
        <button type="button" className={shared.secondary} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </main>
  );
}
