import type { Granularity } from '@vigevano/protocol';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { daysAgo, today } from './format';

/** A report view's filters, kept in the URL (Italian names) so a view can be shared by copying the address. */
export interface Filters {
  from: string;
  to: string;
  hub: string;
  targetGroup: string;
  activity: string;
  granularity: Granularity;
  year: string;
}

const PARAM: Record<keyof Filters, string> = {
  from: 'dal',
  to: 'al',
  hub: 'hub',
  targetGroup: 'gruppo',
  activity: 'attivita',
  granularity: 'per',
  year: 'anno',
};
const GRANULARITY_PARAM: Record<Granularity, string> = { day: 'giorno', week: 'settimana', month: 'mese' };

export function useFilters(defaultDays = 84): [Filters, (change: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams();
  const per = params.get(PARAM.granularity);
  const granularity = (Object.entries(GRANULARITY_PARAM).find(([, v]) => v === per)?.[0] ??
    'week') as Granularity;
  const filters: Filters = {
    from: params.get(PARAM.from) ?? daysAgo(defaultDays),
    to: params.get(PARAM.to) ?? today(),
    hub: params.get(PARAM.hub) ?? '',
    targetGroup: params.get(PARAM.targetGroup) ?? '',
    activity: params.get(PARAM.activity) ?? '',
    granularity,
    year: params.get(PARAM.year) ?? today().slice(0, 4),
  };
  const update = useCallback(
    (change: Partial<Filters>) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(change) as Array<[keyof Filters, string]>) {
          const v = key === 'granularity' ? GRANULARITY_PARAM[value as Granularity] : value;
          if (v) next.set(PARAM[key], v);
          else next.delete(PARAM[key]);
        }
        return next;
      }),
    [setParams],
  );
  return [filters, update];
}
