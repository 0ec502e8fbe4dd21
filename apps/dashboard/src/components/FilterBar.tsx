import { GRANULARITIES, type Granularity, type HubOption, TARGET_GROUP_LABEL } from '@vigevano/protocol';
import type { Filters } from '../lib/filters';
import { granularityLabel } from '../lib/format';

type Field = 'range' | 'hub' | 'targetGroup' | 'activity' | 'granularity' | 'year';

/** The filters of a report page; every change goes to the URL (see useFilters). */
export function FilterBar({
  filters,
  onChange,
  fields,
  hubs = [],
  activities = [],
  targetGroups = [],
  years = [],
}: {
  filters: Filters;
  onChange: (change: Partial<Filters>) => void;
  fields: Field[];
  hubs?: HubOption[];
  activities?: string[];
  targetGroups?: string[];
  years?: string[];
}) {
  const has = (f: Field) => fields.includes(f);
  return (
    <form className="filters" aria-label="Filtri" onSubmit={(e) => e.preventDefault()}>
      {has('range') ? (
        <>
          <label>
            Dal
            <input
              type="date"
              value={filters.from}
              max={filters.to}
              required
              onChange={(e) => e.target.value && onChange({ from: e.target.value })}
            />
          </label>
          <label>
            Al
            <input
              type="date"
              value={filters.to}
              min={filters.from}
              required
              onChange={(e) => e.target.value && onChange({ to: e.target.value })}
            />
          </label>
        </>
      ) : null}
      {has('year') ? (
        <label>
          Anno
          <select value={filters.year} onChange={(e) => onChange({ year: e.target.value })}>
            {[...new Set([...years, filters.year])].sort().map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {has('hub') && hubs.length > 1 ? (
        <label>
          Hub
          <select value={filters.hub} onChange={(e) => onChange({ hub: e.target.value })}>
            <option value="">Tutta la città</option>
            {hubs.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {has('targetGroup') ? (
        <label>
          Destinatari
          <select value={filters.targetGroup} onChange={(e) => onChange({ targetGroup: e.target.value })}>
            <option value="">Tutti i gruppi</option>
            {targetGroups.map((g) => (
              <option key={g} value={g}>
                {TARGET_GROUP_LABEL[g] ?? g}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {has('activity') ? (
        <label>
          Attività
          <select value={filters.activity} onChange={(e) => onChange({ activity: e.target.value })}>
            <option value="">Tutte le attività</option>
            {activities.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {has('granularity') ? (
        <label>
          Per
          <select
            value={filters.granularity}
            onChange={(e) => onChange({ granularity: e.target.value as Granularity })}
          >
            {GRANULARITIES.map((g) => (
              <option key={g} value={g}>
                {granularityLabel(g)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </form>
  );
}
