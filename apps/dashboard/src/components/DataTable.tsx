import { type ReactNode, useId } from 'react';

export interface Column<T> {
  label: string;
  value: (row: T) => ReactNode;
  numeric?: boolean;
  /** the first column names the row: a row header for screen readers */
  rowHeader?: boolean;
}

/**
 * A plain, accessible table: caption, column headers, a row header per row, numbers aligned right. A table wider
 * than the screen (a phone) scrolls sideways in its own box, which the keyboard can reach and which is named by
 * the caption (a scrollable region must be focusable: WCAG 2.1.1, axe's scrollable-region-focusable).
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
  const id = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard to scroll it
    <section className="table-scroll" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className={`data ${className ?? ''}`}>
        <caption id={`${id}-caption`}>{caption}</caption>
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
    </section>
  );
}
