import type { ReactNode } from 'react';
import { DownloadCsv } from './DownloadCsv';

/**
 * A chart with its data beside it: the chart for the eye, the table for reading exact numbers (and for screen
 * readers: the chart itself is described by its title), and the same rows as CSV.
 */
export function ChartPanel({
  id,
  title,
  description,
  chart,
  table,
  csv,
}: {
  id: string;
  title: string;
  description?: string;
  chart?: ReactNode;
  table: ReactNode;
  csv: { filename: string; header: string[]; rows: Array<Array<string | number | null>> };
}) {
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="panel-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <DownloadCsv {...csv} />
      </div>
      {description ? <p className="muted">{description}</p> : null}
      <div className="panel-body">
        {chart ? (
          <figure className="chart" aria-label={`Grafico: ${title}`}>
            {chart}
          </figure>
        ) : null}
        <div className="panel-table">{table}</div>
      </div>
    </section>
  );
}
