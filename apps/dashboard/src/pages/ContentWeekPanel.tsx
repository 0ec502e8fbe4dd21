import { type ContentWeek, contentAdminRoutes } from '@vigevano/protocol';
import { useState } from 'react';
import { SelectField } from '../components/SelectField';
import { Status } from '../components/Status';
import { useApi } from '../lib/use-api';
import type { TargetableKiosk } from './kiosk-targets';

const WEEKDAY = ['dom', 'lun', 'mar', 'mer', 'gio', 'ven', 'sab'] as const;

/** The hours of the week in which the kiosk plays anything on some day: the rows worth a line. */
export function busyHours(week: Pick<ContentWeek, 'days'>): number[] {
  const hours = new Set(
    week.days.flatMap((d) => d.hours.filter((h) => h.contentIds.length > 0).map((h) => h.hour)),
  );
  return [...hours].sort((a, b) => a - b);
}

/**
 * "Palinsesto": what a chosen kiosk plays each day of this week, hour by hour, as the server computes it from the
 * stored schedules and targeting in the hub's time zone (GET /api/dashboard/content/week).
 */
export function ContentWeekPanel({ kiosks }: { kiosks: readonly TargetableKiosk[] }) {
  const [deviceId, setDeviceId] = useState('');
  const chosen = deviceId || kiosks[0]?.id || '';
  const [result] = useApi(contentAdminRoutes.week, chosen ? { query: { deviceId: chosen } } : null);
  const week = result.data;
  const title = new Map((week?.items ?? []).map((i) => [i.id, i.title]));
  const hours = week ? busyHours(week) : [];
  return (
    <section className="panel" aria-labelledby="week-title">
      <h2 id="week-title">Palinsesto della settimana</h2>
      {kiosks.length === 0 ? (
        <p className="muted">Nessun totem registrato.</p>
      ) : (
        <>
          <SelectField
            label="Totem"
            value={chosen}
            onChange={setDeviceId}
            options={kiosks.map((k) => ({ value: k.id, label: `${k.name} (${k.hubName})` }))}
          />
          <Status result={result} />
          {week && hours.length === 0 ? (
            <p className="muted">Questo totem non ha contenuti in programma questa settimana.</p>
          ) : null}
          {week && hours.length > 0 ? (
            <div className="table-scroll">
              <table className="week-plan">
                <caption>
                  {week.device.name} ({week.device.hubName}
                  {week.device.tags.length > 0 ? `, gruppi ${week.device.tags.join(', ')}` : ''}): ore nel
                  fuso {week.timeZone}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Ora</th>
                    {week.days.map((d) => (
                      <th scope="col" key={d.date}>
                        {WEEKDAY[d.weekday]} {d.date.slice(8)}/{d.date.slice(5, 7)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {hours.map((hour) => (
                    <tr key={hour}>
                      <th scope="row">{String(hour).padStart(2, '0')}:00</th>
                      {week.days.map((d) => (
                        <td key={d.date}>
                          {(d.hours[hour]?.contentIds ?? []).map((id) => (
                            <span key={id} className="week-item">
                              {title.get(id) ?? id}
                            </span>
                          ))}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
