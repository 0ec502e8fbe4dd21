import { GRANULARITIES, type Granularity, type HubOption, TARGET_GROUP_LABEL } from '@vigevano/protocol';
import type { Filters } from '../lib/filters';
import { granularityLabel } from '../lib/format';
import { optionsOf, SelectField } from './SelectField';

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
        <SelectField
          label="Anno"
          value={filters.year}
          onChange={(year) => onChange({ year })}
          options={optionsOf([...new Set([...years, filters.year])].sort())}
        />
      ) : null}
      {has('hub') && hubs.length > 1 ? (
        <SelectField
          label="Hub"
          value={filters.hub}
          onChange={(hub) => onChange({ hub })}
          empty="Tutta la città"
          options={hubs.map((h) => ({ value: h.id, label: h.name }))}
        />
      ) : null}
      {has('targetGroup') ? (
        <SelectField
          label="Destinatari"
          value={filters.targetGroup}
          onChange={(targetGroup) => onChange({ targetGroup })}
          empty="Tutti i gruppi"
          options={optionsOf(targetGroups, (g) => TARGET_GROUP_LABEL[g] ?? g)}
        />
      ) : null}
      {has('activity') ? (
        <SelectField
          label="Attività"
          value={filters.activity}
          onChange={(activity) => onChange({ activity })}
          empty="Tutte le attività"
          options={optionsOf(activities)}
        />
      ) : null}
      {has('granularity') ? (
        <SelectField
          label="Per"
          value={filters.granularity}
          onChange={(g) => onChange({ granularity: g as Granularity })}
          options={optionsOf(GRANULARITIES, (g) => granularityLabel(g as Granularity))}
        />
      ) : null}
    </form>
  );
}
