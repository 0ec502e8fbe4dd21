import { FieldGroup } from '../components/Field';

/** A kiosk that can be aimed at: in service, with its hub and groups. */
export interface TargetableKiosk {
  id: string;
  name: string;
  hubId: string;
  hubName: string;
  tags: readonly string[];
}

const toggle = <T,>(list: readonly T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

/**
 * Single kiosks and kiosk groups to aim an item or a notice at, within the chosen hubs (the targeting rule of
 * packages/protocol kiosk/targeting.ts): the kiosks offered are those of the chosen hubs (all, when none), the
 * groups those some kiosk carries. Nothing chosen: every kiosk of the hubs.
 */
function KioskTargetFields({
  kiosks,
  hubIds,
  deviceIds,
  tags,
  onChange,
}: {
  kiosks: readonly TargetableKiosk[];
  hubIds: readonly string[];
  deviceIds: readonly string[];
  tags: readonly string[];
  onChange: (change: { deviceIds?: string[]; tags?: string[] }) => void;
}) {
  const offered = kiosks.filter((k) => hubIds.length === 0 || hubIds.includes(k.hubId));
  // a kiosk or group chosen before the hubs changed stays visible, so it can be taken off
  const shownKiosks = [...offered, ...kiosks.filter((k) => deviceIds.includes(k.id) && !offered.includes(k))];
  const allTags = [...new Set([...kiosks.flatMap((k) => k.tags), ...tags])].sort();
  return (
    <>
      <FieldGroup legend="Solo questi totem (nessuno: tutti i totem degli hub)" path="/deviceIds">
        {shownKiosks.length === 0 ? <span className="muted">Nessun totem registrato.</span> : null}
        {/* the hub describes the kiosk, outside its label: the label of a hub's own box stays that hub's alone */}
        {shownKiosks.map((k) => (
          <span key={k.id} className="inline">
            <label className="inline">
              <input
                type="checkbox"
                aria-describedby={`kiosk-hub-${k.id}`}
                checked={deviceIds.includes(k.id)}
                onChange={() => onChange({ deviceIds: toggle(deviceIds, k.id) })}
              />
              {k.name}
            </label>{' '}
            <span id={`kiosk-hub-${k.id}`} className="muted">
              ({k.hubName})
            </span>
          </span>
        ))}
      </FieldGroup>
      <FieldGroup legend="Gruppi di totem (si assegnano nella pagina Totem)" path="/tags">
        {allTags.length === 0 ? <span className="muted">Nessun gruppo assegnato.</span> : null}
        {allTags.map((t) => (
          <label key={t} className="inline">
            <input
              type="checkbox"
              checked={tags.includes(t)}
              onChange={() => onChange({ tags: toggle(tags, t) })}
            />
            {t}
          </label>
        ))}
      </FieldGroup>
    </>
  );
}

/**
 * The hubs to aim an item or a notice at (none: the whole city). An archived hub is offered only to take it off a
 * document that still names it.
 */
function HubTargetField({
  legend,
  hubs,
  hubIds,
  onChange,
}: {
  legend: string;
  hubs: readonly { id: string; name: string; archived?: boolean }[];
  hubIds: readonly string[];
  onChange: (hubIds: string[]) => void;
}) {
  return (
    <FieldGroup legend={legend} path="/hubIds">
      {hubs
        .filter((h) => !h.archived || hubIds.includes(h.id))
        .map((h) => (
          <label key={h.id} className="inline">
            <input
              type="checkbox"
              checked={hubIds.includes(h.id)}
              onChange={() => onChange(toggle(hubIds, h.id))}
            />
            {h.name}
          </label>
        ))}
    </FieldGroup>
  );
}

/** The whole aim of an item or a notice: hubs, then kiosks and groups within them. */
export function TargetFields({
  hubLegend,
  hubs,
  kiosks,
  target,
  onChange,
}: {
  hubLegend: string;
  hubs: readonly { id: string; name: string; archived?: boolean }[];
  kiosks: readonly TargetableKiosk[];
  target: { hubIds: string[]; deviceIds: string[]; tags: string[] };
  onChange: (change: { hubIds?: string[]; deviceIds?: string[]; tags?: string[] }) => void;
}) {
  return (
    <>
      <HubTargetField
        legend={hubLegend}
        hubs={hubs}
        hubIds={target.hubIds}
        onChange={(hubIds) => onChange({ hubIds })}
      />
      <KioskTargetFields
        kiosks={kiosks}
        hubIds={target.hubIds}
        deviceIds={target.deviceIds}
        tags={target.tags}
        onChange={onChange}
      />
    </>
  );
}

/** Who an item or notice reaches, in words for a list: hubs, then kiosks and groups. */
export function targetText(
  target: { hubIds: readonly string[]; deviceIds?: readonly string[]; tags?: readonly string[] },
  hubName: (id: string) => string,
  kioskName: (id: string) => string,
): string {
  const hubs = target.hubIds.length === 0 ? 'tutta la città' : target.hubIds.map(hubName).join(', ');
  const kiosks = (target.deviceIds ?? []).map(kioskName);
  const groups = (target.tags ?? []).map((t) => `gruppo ${t}`);
  const within = [...kiosks, ...groups];
  return within.length === 0 ? hubs : `${hubs} · solo ${within.join(', ')}`;
}
