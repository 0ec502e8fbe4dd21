import { useState } from 'react';
import { TouchField } from '../../keyboard/KeyboardScope';
import shared from '../../shared.module.css';
import styles from './Roster.module.css';

/**
 * Asks the facilitator why (an absence excused, a check-in annulled): a "Motivo" field typed on the docked
 * on-screen keyboard, 1 to 200 characters like the collections keep, then `confirmLabel` or "Indietro". The
 * hub checks the reason again; its refusal (Italian) is shown here, next to the field, and nothing is stored.
 */
export function ReasonForm({
  title,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  confirmLabel: string;
  /** resolves when stored; a rejection's message is shown and the form stays */
  onConfirm: (reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={styles.reason} aria-label={title}>
      <h3>{title}</h3>
      <TouchField label="Motivo" kind="name" value={reason} onChange={setReason} maxLength={200} />
      {error ? (
        <p role="alert" className={shared.error}>
          {error}
        </p>
      ) : null}
      <div className={shared.actions}>
        <button type="button" disabled={busy || reason.trim().length === 0} onClick={confirm}>
          {confirmLabel}
        </button>
        <button type="button" className={shared.secondary} onClick={onCancel}>
          Indietro
        </button>
      </div>
    </section>
  );
}
