import type { HeatmapCell } from '@vigevano/protocol';
import { ScrollBox } from './ScrollBox';

const DAYS = ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'];

/**
 * Check-ins by hour of the week as a table whose cells are shaded by value: the heatmap and its numbers are
 * one and the same table, readable by screen readers. Only hours that had check-ins somewhere are shown.
 */
export function Heatmap({ title, cells }: { title: string; cells: HeatmapCell[] }) {
  const max = Math.max(1, ...cells.map((c) => c.checkins));
  const hours = [...new Set(cells.map((c) => c.hour))].sort((a, b) => a - b);
  const value = (weekday: number, hour: number) =>
    cells.find((c) => c.weekday === weekday && c.hour === hour)?.checkins ?? 0;
  if (hours.length === 0) return <p className="muted">{title}: nessun ingresso nel periodo.</p>;
  return (
    <ScrollBox>
      <table className="heatmap">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Giorno</th>
            {hours.map((h) => (
              <th key={h} scope="col" className="num">
                {String(h).padStart(2, '0')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {DAYS.map((day, weekday) => (
            <tr key={day}>
              <th scope="row">{day}</th>
              {hours.map((h) => {
                const v = value(weekday, h);
                const level = v === 0 ? 0 : Math.ceil((v / max) * 5);
                return (
                  <td key={h} className={`num heat-${level}`}>
                    {v}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
