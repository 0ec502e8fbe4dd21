import { deviceAdminRoutes, deviceRoutes, isClockSkewed, type NewEnrolmentCode } from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { AlertsPanel } from '../components/AlertsPanel';
import { DataTable } from '../components/DataTable';
import { Form } from '../components/Form';
import { FormError } from '../components/FormError';
import { SelectField } from '../components/SelectField';
import { Status } from '../components/Status';

import { fmtDateTime, fmtDuration } from '../lib/format';
import { useApi } from '../lib/use-api';
import { useFormErrors } from '../lib/use-form-errors';

const svgUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** Kiosks: where each is, when it last synced, what it has waiting; enrol a new one with a code or QR; revoke. */
export function DevicesPage() {
  const [result, reload] = useApi(deviceAdminRoutes.list, {});
  const [code, setCode] = useState<NewEnrolmentCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const codeErrors = useFormErrors();
  const list = result.data;

  async function newCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const hubId = String(new FormData(event.currentTarget).get('hubId') ?? '');
    codeErrors.clear();
    try {
      setCode(await api(deviceAdminRoutes.enrolmentCode, { body: { hubId } }));
    } catch (e) {
      codeErrors.fail(e, 'Codice non creato.');
    }
  }
  async function revoke(id: string, name: string) {
    if (
      !window.confirm(
        `Revocare il totem "${name}"? Smetterà subito di sincronizzarsi e andrà registrato di nuovo.`,
      )
    )
      return;
    setError(null);
    try {
      await api(deviceRoutes.revoke, { params: { deviceId: id } });
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Revoca non riuscita.');
    }
  }

  return (
    <>
      <h1>Totem</h1>
      <AlertsPanel />
      <Status result={result} />
      <FormError error={error} />
      {list ? (
        <>
          <section className="panel" aria-labelledby="enrol-title">
            <h2 id="enrol-title">Registra un nuovo totem</h2>
            <Form className="row" errors={codeErrors} onSubmit={newCode}>
              <SelectField
                label="Hub"
                name="hubId"
                path="/hubId"
                required
                options={list.hubs.map((h) => ({ value: h.id, label: h.name }))}
              />
              <button type="submit">Crea codice di registrazione</button>
            </Form>
            {code ? (
              <div className="enrol-code">
                <img src={svgUrl(code.qrSvg)} alt={`QR del codice ${code.code}`} width={180} height={180} />
                <div>
                  <p>
                    Codice:{' '}
                    <strong className="code" data-testid="enrolment-code">
                      {code.code}
                    </strong>
                  </p>
                  <p className="muted">
                    Valido una volta sola, fino a {fmtDateTime(code.expiresAt)}. Inquadra il QR con il totem o
                    digita il codice.
                  </p>
                </div>
              </div>
            ) : null}
          </section>
          <DataTable
            caption={`Totem registrati (in evidenza chi non si sincronizza da oltre ${fmtDuration(list.staleAfterMs)})`}
            className="devices"
            rows={list.devices}
            rowKey={(d) => d.id}
            columns={[
              { label: 'Totem', value: (d) => d.name, rowHeader: true },
              { label: 'Hub', value: (d) => d.hubName },
              {
                label: 'Stato',
                value: (d) =>
                  d.revoked ? (
                    'revocato'
                  ) : d.storage === 'full' ? (
                    // The kiosk still serves but stores nothing new: someone must free space on it.
                    <strong className="warn">disco pieno</strong>
                  ) : d.stale ? (
                    <strong className="warn">da controllare</strong>
                  ) : (
                    'in regola'
                  ),
              },
              { label: 'Ultima sincronizzazione', value: (d) => fmtDateTime(d.lastSeenAt) },
              { label: 'In attesa di invio', value: (d) => d.pendingPush ?? '–', numeric: true },
              {
                label: 'Troppo grandi da inviare',
                value: (d) =>
                  d.tooLarge && d.tooLarge.count > 0 ? (
                    <>
                      <strong className="warn">{d.tooLarge.count}</strong>
                      {d.tooLarge.ids.map((id) => (
                        <span key={id} className="muted document-ref">
                          {' '}
                          {id}
                        </span>
                      ))}
                    </>
                  ) : (
                    '–'
                  ),
              },
              { label: 'Versione', value: (d) => d.appVersion ?? '–' },
              {
                label: 'Differenza orologio',
                value: (d) => {
                  if (d.clockOffsetMs === null) return '–';
                  const text = `${d.clockOffsetMs >= 0 ? '+' : '−'}${fmtDuration(d.clockOffsetMs)}`;
                  return isClockSkewed(d.clockOffsetMs) ? (
                    <strong className="warn">{text} (orologio sbagliato)</strong>
                  ) : (
                    text
                  );
                },
                numeric: true,
              },
              {
                label: 'Azioni',
                value: (d) =>
                  d.revoked ? (
                    '–'
                  ) : (
                    <button type="button" className="danger" onClick={() => void revoke(d.id, d.name)}>
                      Revoca
                      <span className="visually-hidden">
                        {' '}
                        {d.name}, {d.hubName}
                      </span>
                    </button>
                  ),
              },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
