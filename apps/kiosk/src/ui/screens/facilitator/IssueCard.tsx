import {
  formatShortCode,
  type IssuedCardView,
  type KioskShellApi,
  LANGUAGES,
  type Language,
  shortCodeOf,
} from '@vigevano/protocol';
import { type FormEvent, useRef, useState } from 'react';
import { LANGUAGE_NAMES } from '../../i18n';
import { TouchField } from '../../keyboard/KeyboardScope';
import { nameKeyboardFor } from '../../keyboard/layouts';
import { kioskApi } from '../../kiosk-api';
import styles from './IssueCard.module.css';
import { ReplaceCard } from './ReplaceCard';

/** Issues a new card offline (signed with this kiosk's key) and prints it. */
export function IssueCard({ token, onError }: { token: string; onError: (m: string) => void }) {
  const [issued, setIssued] = useState<IssuedCardView | null>(null);
  const [busy, setBusy] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const [printed, setPrinted] = useState<string | null>(null);
  const [alias, setAlias] = useState('');
  const [language, setLanguage] = useState<Language>('it');
  // In Electron the shell prints silently to the kiosk's printer; in a browser, its print dialog opens.
  const print = async (html: string) => {
    const shell = (window as { kioskShell?: KioskShellApi }).kioskShell;
    if (!shell) {
      frame.current?.contentWindow?.print();
      return;
    }
    const result = await shell.printCardSheet(html);
    setPrinted(result.ok ? 'Tessera inviata alla stampante.' : (result.error ?? 'Stampa non riuscita.'));
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    try {
      setIssued(await kioskApi.issueCard.mutate({ token, alias, language }));
      setAlias('');
    } catch (error) {
      onError((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={styles.issueCard}>
      <h2>Nuova tessera</h2>
      <form onSubmit={submit}>
        <label>
          Lingua
          <select name="language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <TouchField
          // The keyboard of the card's language first: a name for an Arabic card is typed in Arabic.
          label="Nome sulla tessera (come salutare la persona)"
          kind="name"
          nameKeyboard={nameKeyboardFor(language)}
          value={alias}
          onChange={setAlias}
          required
          maxLength={24}
          dir="auto"
        />
        <button type="submit" disabled={busy}>
          Emetti la tessera
        </button>
      </form>
      <ReplaceCard token={token} onIssued={setIssued} onError={onError} />
      {issued ? (
        <div role="status">
          <p>
            Tessera emessa per <bdi>{issued.card.alias}</bdi> (codice{' '}
            <bdi>{formatShortCode(shortCodeOf(issued.card.id))}</bdi>).
          </p>
          <iframe
            ref={frame}
            title="Tessera da stampare"
            src={`/print/card/${issued.card.id}?t=${encodeURIComponent(token)}`}
          />
          <button type="button" onClick={() => void print(issued.sheetHtml)}>
            Stampa
          </button>
          {printed ? <p role="status">{printed}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
