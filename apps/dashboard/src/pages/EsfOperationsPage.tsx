import { ESF_GENDER_COLUMNS, type EsfCountRow, esfOperationRoutes, registerRoutes } from '@vigevano/protocol';
import { useState } from 'react';
import { apiUrl } from '../api';
import { DataTable } from '../components/DataTable';
import { Field } from '../components/Field';
import { SelectField } from '../components/SelectField';
import { Status } from '../components/Status';
import { fmtNumber } from '../lib/format';
import { useApi } from '../lib/use-api';

const thisYear = new Date().getFullYear();

function CountsTable({ caption, rows }: { caption: string; rows: EsfCountRow[] }) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(r) => r.code ?? r.label}
      columns={[
        { label: 'Codice', value: (r) => r.code ?? '' },
        { label: 'Indicatore', value: (r) => r.label, rowHeader: true },
        { label: 'Totale', value: (r) => fmtNumber(r.total), numeric: true },
        ...ESF_GENDER_COLUMNS.map((c) => ({
          label: c.label,
          value: (r: EsfCountRow) => fmtNumber(r[c.key]),
          numeric: true,
        })),
      ]}
    />
  );
}

/**
 * The ESF+ report per funded operation and period (issue 18): output indicators by the participants' snapshot at
 * entry, result indicators of those who left, guests apart; CSV and XLSX for the funder; whose data is missing
 * and the operation's attendance register for the roles that may see names (`canSeeNames`).
 */
export function EsfOperationsPage({ canSeeNames }: { canSeeNames: boolean }) {
  const [operation, setOperation] = useState('');
  const [from, setFrom] = useState(`${thisYear}-01-01`);
  const [to, setTo] = useState(`${thisYear}-12-31`);
  const [showMissing, setShowMissing] = useState(false);
  const query = { operation: operation || undefined, from, to };
  const [result] = useApi(esfOperationRoutes.get, { query });
  const [missing] = useApi(esfOperationRoutes.missing, canSeeNames && showMissing ? { query } : null);
  const report = result.data;
  const chosen = report?.operations.find((o) => o.code === operation);
  return (
    <>
      <h1>FSE+ per operazione</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Operazione"
          value={operation}
          onChange={setOperation}
          empty="Tutte le operazioni"
          options={(report?.operations ?? []).map((o) => ({ value: o.code, label: `${o.code} – ${o.name}` }))}
        />
        <Field label="Dal">
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label="Al">
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
      </form>
      <Status result={result} />
      {report ? (
        <>
          <div className="panel-head">
            <p className="stat">
              <span className="stat-value" data-testid="esf-op-participants">
                {fmtNumber(report.participants)}
              </span>
              <span>partecipanti entrati nel periodo (EECO01)</span>
            </p>
            <a className="button" href={apiUrl(esfOperationRoutes.csv, { query })} download>
              Scarica CSV
            </a>
            <a className="button" href={apiUrl(esfOperationRoutes.xlsx, { query })} download>
              Scarica Excel
            </a>
            {canSeeNames && chosen ? (
              <a
                className="button"
                href={apiUrl(registerRoutes.operation, { params: { operationId: chosen.id } })}
                target="_blank"
                rel="noreferrer"
              >
                Registro presenze (PDF)
              </a>
            ) : null}
          </div>
          <p className="muted">
            Ogni partecipante è contato una volta per operazione, con le caratteristiche rilevate all'ingresso
            (età = anno di ingresso − anno di nascita). Gli indicatori di risultato contano chi è uscito nel
            periodo.
          </p>
          {report.missing > 0 ? (
            <p>
              {fmtNumber(report.missing)} partecipanti con dati mancanti.{' '}
              {canSeeNames ? (
                <button type="button" className="link" onClick={() => setShowMissing((v) => !v)}>
                  {showMissing ? 'Nascondi elenco' : 'Mostra chi e quali dati'}
                </button>
              ) : null}
            </p>
          ) : null}
          {showMissing && missing.data ? (
            <DataTable
              caption="Partecipanti con dati mancanti"
              rows={missing.data}
              rowKey={(r) => r.participantId}
              columns={[
                { label: 'Operazione', value: (r) => r.operationCode },
                { label: 'Partecipante', value: (r) => r.name, rowHeader: true },
                { label: 'Ingresso', value: (r) => r.entryDate },
                { label: 'Uscita', value: (r) => r.exitDate ?? '' },
                { label: 'Dati mancanti', value: (r) => r.fields.join(', ') },
              ]}
            />
          ) : null}
          <section className="panel" aria-labelledby="esf-op-outputs">
            <h2 id="esf-op-outputs">Indicatori di output</h2>
            <CountsTable caption="Partecipanti per indicatore e genere" rows={report.outputs} />
          </section>
          <section className="panel" aria-labelledby="esf-op-results">
            <h2 id="esf-op-results">
              Indicatori di risultato ({fmtNumber(report.leavers)} usciti nel periodo)
            </h2>
            <CountsTable caption="Risultati per indicatore e genere" rows={report.results} />
          </section>
          <section className="panel" aria-labelledby="esf-op-guests">
            <h2 id="esf-op-guests">Ospiti senza tessera (non partecipanti)</h2>
            <DataTable
              caption="Ingressi di ospiti alle sessioni delle operazioni"
              rows={report.guests}
              rowKey={(g) => g.ageBand}
              columns={[
                { label: 'Fascia di età', value: (g) => g.label, rowHeader: true },
                { label: 'Ingressi', value: (g) => fmtNumber(g.checkins), numeric: true },
              ]}
            />
          </section>
        </>
      ) : null}
    </>
  );
}
