import { atLocalTime, localClock, SESSION_KINDS, type Session, TARGET_GROUPS } from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { TouchField } from '../../keyboard/KeyboardScope';
import { kioskApi } from '../../kiosk-api';
import styles from './FacilitatorScreen.module.css';

const KIND_LABEL = { lesson: 'Corso', workshop: 'Laboratorio', desk: 'Sportello' } as const;
const GROUP_LABEL: Record<(typeof TARGET_GROUPS)[number], string> = {
  young_neet: 'giovani NEET',
  elderly: 'anziani',
  fragile_housing_families: 'famiglie in fragilità abitativa',
  migrant_background: 'background migratorio',
  people_with_disabilities: 'persone con disabilità',
  everyone: 'tutti',
};
const DEFAULT_MINUTES = '90';
/** A session lasts a quarter of an hour at least and a working day at most. */
const MIN_MINUTES = 15;
const MAX_MINUTES = 720;

/**
 * Plans a session for today at this hub, starting now or later, offline. Times are the hub's wall clock. Every
 * field types on the screen's keyboard (KeyboardScope): the title on a name keyboard, the time and numbers on a
 * pad.
 */
export function NewSession({
  token,
  timeZone,
  onCreated,
  onError,
}: {
  token: string;
  /** the hub's IANA time zone: the kiosk's own system zone may be another */
  timeZone: string;
  onCreated: (s: Session) => void;
  onError: (m: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [title, setTitle] = useState('');
  const [start, setStart] = useState(() => localClock(timeZone, Date.now()).time);
  const [minutes, setMinutes] = useState(DEFAULT_MINUTES);
  const [capacity, setCapacity] = useState('0');
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const duration = Number(minutes);
    if (!(duration >= MIN_MINUTES && duration <= MAX_MINUTES)) {
      onError(`La durata va da ${MIN_MINUTES} a ${MAX_MINUTES} minuti.`);
      return;
    }
    setBusy(true);
    try {
      // A time the form cannot hold (not HH:mm) throws here and is reported like a refusal from the hub.
      const startsAt = atLocalTime(timeZone, Date.now(), start);
      onCreated(
        await kioskApi.createSession.mutate({
          token,
          kind: String(form.get('kind')) as Session['kind'],
          activity: title,
          title,
          targetGroup: String(form.get('group')) as Session['targetGroup'],
          startsAt,
          endsAt: startsAt + duration * 60_000,
          capacity: Number(capacity || 0),
        }),
      );
      setTitle('');
      setMinutes(DEFAULT_MINUTES);
      setCapacity('0');
    } catch (error) {
      onError((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className={styles.fold}>
      <summary>Nuova attività</summary>
      <form onSubmit={submit} className={styles.form}>
        <TouchField label="Titolo" kind="name" value={title} onChange={setTitle} required maxLength={120} />
        <label className={styles.labelled}>
          Tipo
          <select name="kind" defaultValue="workshop">
            {SESSION_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.labelled}>
          Destinatari
          <select name="group" defaultValue="everyone">
            {TARGET_GROUPS.map((g) => (
              <option key={g} value={g}>
                {GROUP_LABEL[g]}
              </option>
            ))}
          </select>
        </label>
        <div className={styles.row}>
          <TouchField
            label="Inizio"
            kind="time"
            value={start}
            onChange={setStart}
            required
            pattern="[0-2][0-9]:[0-5][0-9]"
            maxLength={5}
          />
          <CountField label="Durata (minuti)" value={minutes} onChange={setMinutes} digits={3} />
          <CountField label="Posti (0 = senza limite)" value={capacity} onChange={setCapacity} digits={5} />
        </div>
        <button type="submit" disabled={busy}>
          Crea l'attività
        </button>
      </form>
    </details>
  );
}

/** A whole number of up to `digits` digits, typed on the digit pad (anything else typed is dropped). */
function CountField({
  label,
  value,
  onChange,
  digits,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  digits: number;
}) {
  return (
    <TouchField
      label={label}
      kind="digits"
      value={value}
      onChange={(v) => onChange(v.replace(/\D/g, ''))}
      required
      pattern={`[0-9]{1,${digits}}`}
      maxLength={digits}
    />
  );
}
