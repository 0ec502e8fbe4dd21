import type { ReactNode } from 'react';
import { ScrollBox } from './ScrollBox';

export interface Column<T> {
  label: string;
  value: (row: T) => ReactNode;
  numeric?: boolean;
  /** the first column names the row: a row header for screen readers */
  rowHeader?: boolean;
}

/**
 * A plain, accessible table: caption, column headers, a row header per row, numbers aligned right. A table wider
 * than the screen (a phone) scrolls sideways in its own box, which the keyboard can reach (ScrollBox).
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  className,
  footer,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  className?: string;
  footer?: ReactNode;
}) {
  return (
    <ScrollBox>
      <table className={`data ${className ?? ''}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="muted">
                Nessun dato per questa selezione.
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) =>
                  c.rowHeader ? (
                    <th key={c.label} scope="row">
                      {c.value(row)}
                    </th>
                  ) : (
                    <td key={c.label} className={c.numeric ? 'num' : undefined}>
                      {c.value(row)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
        {footer}
      </table>
    </ScrollBox>
  );
}
