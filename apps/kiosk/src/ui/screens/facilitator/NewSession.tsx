import { atLocalTime, localClock, SESSION_KINDS, type Session, TARGET_GROUPS } from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { kioskApi } from '../../kiosk-api';

const KIND_LABEL = { lesson: 'Corso', workshop: 'Laboratorio', desk: 'Sportello' } as const;
const GROUP_LABEL: Record<(typeof TARGET_GROUPS)[number], string> = {
  young_neet: 'giovani NEET',
  elderly: 'anziani',
  fragile_housing_families: 'famiglie in fragilità abitativa',
  migrant_background: 'background migratorio',
  people_with_disabilities: 'persone con disabilità',
  everyone: 'tutti',
};

/** Plans a session for today at this hub, starting now or later, offline. Times are the hub's wall clock. */
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
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const title = String(form.get('title') ?? '');
    setBusy(true);
    try {
      // A time the form cannot hold (not HH:mm) throws here and is reported like a refusal from the hub.
      const start = atLocalTime(timeZone, Date.now(), String(form.get('start') ?? '00:00'));
      onCreated(
        await kioskApi.createSession.mutate({
          token,
          kind: String(form.get('kind')) as Session['kind'],
          activity: title,
          title,
          targetGroup: String(form.get('group')) as Session['targetGroup'],
          startsAt: start,
          endsAt: start + Number(form.get('minutes')) * 60_000,
          capacity: Number(form.get('capacity') ?? 0),
        }),
      );
      event.currentTarget?.reset();
    } catch (error) {
      onError((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const defaultStart = localClock(timeZone, Date.now()).time;
  return (
    <details>
      <summary>Nuova attività</summary>
      <form onSubmit={submit}>
        <label>
          Titolo
          <input name="title" required maxLength={120} />
        </label>
        <label>
          Tipo
          <select name="kind" defaultValue="workshop">
            {SESSION_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Destinatari
          <select name="group" defaultValue="everyone">
            {TARGET_GROUPS.map((g) => (
              <option key={g} value={g}>
                {GROUP_LABEL[g]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Inizio
          <input name="start" type="time" defaultValue={defaultStart} required />
        </label>
        <label>
          Durata (minuti)
          <input name="minutes" type="number" min={15} max={720} defaultValue={90} required />
        </label>
        <label>
          Posti (0 = senza limite)
          <input name="capacity" type="number" min={0} max={10000} defaultValue={0} required />
        </label>
        <button type="submit" disabled={busy}>
          Crea l'attività
        </button>
      </form>
    </details>
  );
}
