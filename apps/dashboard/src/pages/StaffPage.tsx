import {
  cityRoutes,
  type IssuedAccountLink,
  ROLES,
  type Role,
  type StaffMember,
  securitySettingsRoutes,
  staffRoutes,
} from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { DataTable } from '../components/DataTable';
import { FormError } from '../components/FormError';
import { SelectField } from '../components/SelectField';
import { Status } from '../components/Status';
import { fmtDateTime } from '../lib/format';
import { ROLE_LABEL } from '../lib/roles';
import { useApi } from '../lib/use-api';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }));
const STATE_LABEL = { active: 'attivo', disabled: 'disattivato' } as const;

interface HubChoice {
  id: string;
  name: string;
}

/** The hubs of a hub lead, as checkboxes named `hubIds` (read with FormData.getAll). */
function HubChoices({ hubs, chosen, legend }: { hubs: HubChoice[]; chosen: string[]; legend: string }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {hubs.map((h) => (
        <label key={h.id} className="inline">
          <input type="checkbox" name="hubIds" value={h.id} defaultChecked={chosen.includes(h.id)} /> {h.name}
        </label>
      ))}
    </fieldset>
  );
}

/** A link just made, to copy and send: shown once (the server keeps only its hash). */
function LinkToSend({ link }: { link: IssuedAccountLink }) {
  const [copied, setCopied] = useState(false);
  const what = link.kind === 'reset' ? 'reimpostare la password' : "attivare l'account";
  return (
    <section className="panel" aria-labelledby="link-title">
      <h2 id="link-title">Link per {link.email}</h2>
      <p>
        Invia questo link a {link.email} per {what}: vale una sola volta, fino a {fmtDateTime(link.expiresAt)}
        . Non verrà più mostrato.
      </p>
      <div className="row">
        <label>
          Link
          <input readOnly value={link.url} data-testid="account-link" size={60} />
        </label>
        <button
          type="button"
          onClick={() =>
            navigator.clipboard.writeText(link.url).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          Copia il link
        </button>
      </div>
      {copied ? <p role="status">Link copiato.</p> : null}
    </section>
  );
}

/** The city's "TOTP required for admins" switch: an admin without it can then only enrol (auth/totp.ts). */
function TotpRequirement() {
  const [settings, reload] = useApi(securitySettingsRoutes.get, {});
  const [error, setError] = useState<string | null>(null);
  async function toggle(required: boolean) {
    setError(null);
    try {
      await api(securitySettingsRoutes.put, { body: { totpRequiredForAdmins: required } });
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Impostazione non salvata.');
    }
  }
  return (
    <section className="panel" aria-labelledby="security-title">
      <h2 id="security-title">Sicurezza</h2>
      <label className="inline">
        <input
          type="checkbox"
          checked={settings.data?.totpRequiredForAdmins ?? false}
          disabled={!settings.data}
          onChange={(e) => toggle(e.target.checked)}
        />{' '}
        Richiedi la verifica in due passaggi (app di autenticazione) a chi ha il ruolo di amministrazione
      </label>
      <FormError error={error} />
    </section>
  );
}

/**
 * "Personale" (admin only): who has an account, with role, hubs, last sign-in and state; invite by one-time link;
 * change a role or a hub lead's hubs; disable and enable; a password reset link.
 */
export function StaffPage() {
  const [result, reload] = useApi(staffRoutes.list, {});
  const [overview] = useApi(cityRoutes.overview, {});
  const hubs: HubChoice[] = overview.data?.hubs ?? [];
  const hubName = (id: string) => hubs.find((h) => h.id === id)?.name ?? id;
  const [inviteRole, setInviteRole] = useState<Role>('coordinator');
  const [editing, setEditing] = useState<StaffMember | null>(null);
  const [editRole, setEditRole] = useState<Role>('viewer');
  const [link, setLink] = useState<IssuedAccountLink | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run<T>(action: () => Promise<T>, failure: string): Promise<T | undefined> {
    setError(null);
    try {
      const done = await action();
      reload();
      return done;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : failure);
      return undefined;
    }
  }

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const issued = await run(
      () =>
        api(staffRoutes.invite, {
          body: {
            email: String(form.get('email') ?? ''),
            role: inviteRole,
            hubIds: inviteRole === 'hub_lead' ? form.getAll('hubIds').map(String) : [],
          },
        }),
      'Invito non riuscito.',
    );
    if (issued) {
      setLink(issued);
      formElement.reset();
    }
  }

  async function changeRole(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!editing) return;
    const form = new FormData(event.currentTarget);
    const done = await run(
      () =>
        api(staffRoutes.changeRole, {
          params: { userId: editing.id },
          body: { role: editRole, hubIds: editRole === 'hub_lead' ? form.getAll('hubIds').map(String) : [] },
        }),
      'Modifica non riuscita.',
    );
    if (done) setEditing(null);
  }

  async function setDisabled(member: StaffMember, disabled: boolean) {
    if (disabled && !window.confirm(`Disattivare l'account di ${member.name}? Verrà disconnesso subito.`))
      return;
    const route = disabled ? staffRoutes.disable : staffRoutes.enable;
    await run(() => api(route, { params: { userId: member.id } }), 'Operazione non riuscita.');
  }

  /** For someone who lost their phone: the password alone opens again, and enrolment is asked if required. */
  async function resetTotp(member: StaffMember) {
    if (
      !window.confirm(
        `Togliere l'app di autenticazione di ${member.name}? Verrà disconnesso subito e potrà configurarne una nuova.`,
      )
    )
      return;
    await run(
      () => api(staffRoutes.totpReset, { params: { userId: member.id } }),
      'Operazione non riuscita.',
    );
  }

  async function resetLink(member: StaffMember) {
    const issued = await run(
      () => api(staffRoutes.resetLink, { params: { userId: member.id } }),
      'Link non creato.',
    );
    if (issued) setLink(issued);
  }

  const list = result.data;
  return (
    <>
      <h1>Personale</h1>
      <Status result={result} />
      <FormError error={error} />
      {link ? <LinkToSend link={link} /> : null}
      <section className="panel" aria-labelledby="invite-title">
        <h2 id="invite-title">Invita una persona</h2>
        <form className="stack" onSubmit={invite}>
          <div className="row">
            <label>
              Email
              <input name="email" type="email" required maxLength={200} />
            </label>
            <SelectField
              label="Ruolo"
              options={ROLE_OPTIONS}
              value={inviteRole}
              onChange={(v) => setInviteRole(v as Role)}
            />
          </div>
          {inviteRole === 'hub_lead' ? (
            <HubChoices hubs={hubs} chosen={[]} legend="Hub di cui è responsabile" />
          ) : null}
          <div className="row">
            <button type="submit">Crea il link di invito</button>
          </div>
        </form>
      </section>
      {editing ? (
        <section className="panel" aria-labelledby="role-title">
          <h2 id="role-title">Ruolo di {editing.name}</h2>
          <form className="stack" onSubmit={changeRole}>
            <SelectField
              label="Ruolo"
              options={ROLE_OPTIONS}
              value={editRole}
              onChange={(v) => setEditRole(v as Role)}
            />
            {editRole === 'hub_lead' ? (
              <HubChoices hubs={hubs} chosen={editing.hubIds} legend="Hub di cui è responsabile" />
            ) : null}
            <div className="row">
              <button type="submit">Salva il ruolo</button>
              <button type="button" className="secondary" onClick={() => setEditing(null)}>
                Annulla
              </button>
            </div>
          </form>
        </section>
      ) : null}
      {list ? (
        <>
          <DataTable
            caption="Account del personale"
            rows={list.users}
            rowKey={(u) => u.id}
            columns={[
              { label: 'Nome', value: (u) => u.name, rowHeader: true },
              { label: 'Email', value: (u) => u.email },
              { label: 'Ruolo', value: (u) => ROLE_LABEL[u.role] },
              { label: 'Hub', value: (u) => u.hubIds.map(hubName).join(', ') || '–' },
              { label: 'Ultimo accesso', value: (u) => fmtDateTime(u.lastLoginAt) },
              { label: 'Stato', value: (u) => STATE_LABEL[u.state] },
              { label: 'Verifica in due passaggi', value: (u) => (u.totp ? 'sì' : 'no') },
              {
                label: 'Azioni',
                value: (u) => (
                  <div className="row">
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => {
                        setEditing(u);
                        setEditRole(u.role);
                      }}
                    >
                      Cambia ruolo<span className="visually-hidden"> di {u.name}</span>
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setDisabled(u, u.state === 'active')}
                    >
                      {u.state === 'active' ? 'Disattiva' : 'Riattiva'}
                      <span className="visually-hidden"> {u.name}</span>
                    </button>
                    <button type="button" className="secondary" onClick={() => resetLink(u)}>
                      Link per nuova password<span className="visually-hidden"> di {u.name}</span>
                    </button>
                    {u.totp ? (
                      <button type="button" className="secondary" onClick={() => resetTotp(u)}>
                        Togli l'app di autenticazione<span className="visually-hidden"> di {u.name}</span>
                      </button>
                    ) : null}
                  </div>
                ),
              },
            ]}
          />
          <DataTable
            caption="Inviti in attesa"
            rows={list.invites}
            rowKey={(i) => `${i.email}-${i.expiresAt}`}
            columns={[
              { label: 'Email', value: (i) => i.email, rowHeader: true },
              { label: 'Ruolo', value: (i) => ROLE_LABEL[i.role] },
              { label: 'Hub', value: (i) => i.hubIds.map(hubName).join(', ') || '–' },
              { label: 'Scade', value: (i) => fmtDateTime(i.expiresAt) },
            ]}
          />
        </>
      ) : null}
      <TotpRequirement />
    </>
  );
}
