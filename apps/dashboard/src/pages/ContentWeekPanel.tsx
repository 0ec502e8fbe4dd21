import { type ContentWeek, contentAdminRoutes } from '@vigevano/protocol';
import { useState } from 'react';
import { ScrollBox } from '../components/ScrollBox';
import { SelectField } from '../components/SelectField';
import { Status } from '../components/Status';
import { useApi } from '../lib/use-api';
import type { TargetableKiosk } from './kiosk-targets';

const WEEKDAY = ['dom', 'lun', 'mar', 'mer', 'gio', 'ven', 'sab'] as const;

/** Consecutive hours in which every day plays the same items: one row of the calendar, [from, to) local hours. */
export interface HourBand {
  from: number;
  to: number;
}

/**
 * The rows of the week calendar: runs of consecutive hours whose items are the same on every day, leaving out
 * those in which nothing plays on any day (a day of the same items from 00 to 24 is one row, not 24).
 */
export function hourBands(week: Pick<ContentWeek, 'days'>): HourBand[] {
  const key = (hour: number) => week.days.map((d) => (d.hours[hour]?.contentIds ?? []).join(',')).join('|');
  const idle = (hour: number) => week.days.every((d) => (d.hours[hour]?.contentIds.length ?? 0) === 0);
  const bands: HourBand[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const last = bands.at(-1);
    if (idle(hour)) continue;
    if (last && last.to === hour && key(last.from) === key(hour)) last.to = hour + 1;
    else bands.push({ from: hour, to: hour + 1 });
  }
  return bands;
}

const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

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
  const bands = week ? hourBands(week) : [];
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
          {week && bands.length === 0 ? (
            <p className="muted">Questo totem non ha contenuti in programma questa settimana.</p>
          ) : null}
          {week && bands.length > 0 ? (
            <ScrollBox>
              <table className="week-plan">
                <caption>
                  {week.device.name} ({week.device.hubName}
                  {week.device.tags.length > 0 ? `, gruppi ${week.device.tags.join(', ')}` : ''}): ore nel
                  fuso {week.timeZone}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Ore</th>
                    {week.days.map((d) => (
                      <th scope="col" key={d.date}>
                        {WEEKDAY[d.weekday]} {d.date.slice(8)}/{d.date.slice(5, 7)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {bands.map((band) => (
                    <tr key={band.from}>
                      <th scope="row">
                        {hh(band.from)}–{hh(band.to)}
                      </th>
                      {week.days.map((d) => (
                        <td key={d.date}>
                          {(d.hours[band.from]?.contentIds ?? []).map((id) => (
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
            </ScrollBox>
          ) : null}
        </>
      )}
    </section>
  );
}
