import {
  cityRoutes,
  ESF_VALUE_LABEL,
  PEOPLE_IMPORT_CODES,
  PEOPLE_IMPORT_COLUMNS,
  PEOPLE_IMPORT_LIMITS,
  PEOPLE_IMPORT_WORDS,
  type PeopleImportColumn,
  type PeopleImportPreview,
  type PeopleImportRequest,
  peopleImportRoutes,
} from '@vigevano/protocol';
import { type ChangeEvent, useState } from 'react';
import { ApiError, api, apiUrl } from '../api';
import { DataTable } from '../components/DataTable';
import { FormError } from '../components/FormError';
import { useApi } from '../lib/use-api';

/** Rows shown in the preview table: enough to recognise the file; every row is checked all the same. */
const SHOWN_ROWS = 100;

/** The file's bytes in base64: the server decides the text encoding (UTF-8 or Excel's Windows-1252), not the browser. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** A code's usual Italian word ("donna" for female), as the file may write it. */
const wordOf = (code: string) => PEOPLE_IMPORT_WORDS[code]?.[0] ?? ESF_VALUE_LABEL[code] ?? code;

/** What to write in a column: its help, and the accepted words where it takes coded values. */
function helpOf(column: PeopleImportColumn): string {
  const codes = (PEOPLE_IMPORT_CODES as Record<string, readonly string[]>)[column.key];
  return codes ? `${codes.map(wordOf).join(', ')} (${column.help})` : column.help;
}

const message = (e: unknown, fallback: string) => (e instanceof ApiError ? e.message : fallback);

/**
 * Import people from a CSV file (issue 15, item 8): choose a file → the server's preview (the rows as they will be
 * registered, every error by row and column) → confirm, which sends the file again for the server to check and
 * write in one go. Nothing is written before the confirm, and never from a file with errors.
 */
export function PeopleImport({
  onImported,
  onClose,
}: {
  onImported: (created: number) => void;
  onClose: () => void;
}) {
  const [overview] = useApi(cityRoutes.overview, {});
  const hubName = new Map((overview.data?.hubs ?? []).map((h) => [h.id, h.name]));
  const [upload, setUpload] = useState<PeopleImportRequest | null>(null);
  const [preview, setPreview] = useState<PeopleImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // the same file, corrected and chosen again, must fire a change: forget the choice once read
    input.value = '';
    setPreview(null);
    setUpload(null);
    setError(null);
    if (!file) return;
    if (file.size > PEOPLE_IMPORT_LIMITS.maxBytes) {
      setError(
        `Il file «${file.name}» pesa ${Math.ceil(file.size / 1024)} kB: al massimo ${PEOPLE_IMPORT_LIMITS.maxBytes / 1024 / 1024} MB per importazione. Dividilo in più file.`,
      );
      return;
    }
    setBusy(true);
    try {
      const request = {
        fileName: file.name.slice(0, 200) || 'file.csv',
        contentBase64: await base64Of(file),
      };
      setPreview(await api(peopleImportRoutes.preview, { body: request }));
      setUpload(request);
    } catch (e) {
      setError(message(e, 'Controllo del file non riuscito.'));
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    if (!upload) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api(peopleImportRoutes.confirm, { body: upload });
      setPreview(null);
      setUpload(null);
      onImported(result.created);
    } catch (e) {
      setError(message(e, 'Importazione non riuscita: nessuna persona importata.'));
    } finally {
      setBusy(false);
    }
  }

  const errors = preview?.errors ?? [];
  const rows = preview?.rows ?? [];
  return (
    <section className="panel stack" aria-labelledby="import-title">
      <h2 id="import-title">Importa persone da un file CSV</h2>
      <p>
        Un file con una riga per persona, separato da punto e virgola o da virgola, con le intestazioni del
        modello. Prima vedi l’anteprima e gli eventuali errori; nulla viene registrato finché non confermi un
        file senza errori. Al massimo {PEOPLE_IMPORT_LIMITS.maxRows.toLocaleString('it-IT')} righe e{' '}
        {PEOPLE_IMPORT_LIMITS.maxBytes / 1024 / 1024} MB per file.
      </p>
      <p>
        <a className="button secondary" href={apiUrl(peopleImportRoutes.template)} download>
          Scarica il modello CSV
        </a>
      </p>
      <details>
        <summary>Le colonne del file</summary>
        <DataTable
          caption="Colonne del file di importazione"
          rows={[...PEOPLE_IMPORT_COLUMNS]}
          rowKey={(c) => c.key}
          columns={[
            { label: 'Intestazione', value: (c) => c.header, rowHeader: true },
            { label: 'Colonna obbligatoria', value: (c) => (c.required ? 'sì' : 'no') },
            { label: 'Cosa scrivere', value: helpOf },
          ]}
        />
      </details>
      <label>
        File CSV
        <input type="file" name="file" accept=".csv,text/csv" onChange={choose} disabled={busy} />
      </label>
      {busy ? <p role="status">Controllo in corso…</p> : null}
      <FormError error={error} />
      {preview && errors.length > 0 ? (
        <section aria-labelledby="import-errors" className="stack">
          <h3 id="import-errors" className="error">
            {errors.length === 1 ? 'Un errore' : `${errors.length} errori`} in «{preview.fileName}»: correggi
            il file e caricalo di nuovo. Nessuna persona è stata importata.
          </h3>
          <ul className="import-errors">
            {errors.map((e) => (
              <li key={`${e.row}-${e.column}-${e.message}`}>{e.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {preview?.valid ? (
        <div className="stack">
          <p role="status" className="ok">
            «{preview.fileName}» è corretto: {rows.length === 1 ? '1 persona' : `${rows.length} persone`} da
            importare.
          </p>
          <div className="row">
            <button type="button" onClick={confirm} disabled={busy}>
              Importa {rows.length === 1 ? '1 persona' : `${rows.length} persone`}
            </button>
            <button type="button" className="secondary" onClick={onClose}>
              Annulla
            </button>
          </div>
        </div>
      ) : null}
      {preview && rows.length > 0 ? (
        <DataTable
          caption={
            rows.length > SHOWN_ROWS
              ? `Anteprima: le prime ${SHOWN_ROWS} di ${rows.length} righe corrette`
              : 'Anteprima: le righe corrette, come verranno registrate'
          }
          rows={rows.slice(0, SHOWN_ROWS)}
          rowKey={(r) => String(r.row)}
          columns={[
            { label: 'Riga', value: (r) => r.row, numeric: true },
            { label: 'Persona', value: (r) => `${r.person.firstName} ${r.person.lastName}`, rowHeader: true },
            { label: 'Hub', value: (r) => hubName.get(r.hubId) ?? r.hubId },
            { label: 'Anno di nascita', value: (r) => r.person.birthYear ?? '–' },
            { label: 'Genere', value: (r) => (r.person.gender ? wordOf(r.person.gender) : '–') },
            { label: 'Email', value: (r) => r.person.email ?? '–' },
          ]}
        />
      ) : null}
      {preview?.valid ? null : (
        <div className="row">
          <button type="button" className="secondary" onClick={onClose}>
            Chiudi
          </button>
        </div>
      )}
    </section>
  );
}
