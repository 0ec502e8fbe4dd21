import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';

/** One series of bars: `dataKey` names the numeric field of each row, `name` is its legend and tooltip label. */
export interface BarSeries {
  dataKey: string;
  name: string;
  /** fill colour (lib/colors.ts); undefined lets recharts pick its default */
  color: string | undefined;
}

/**
 * The dashboard's bar chart, one shape for every page so that axes, grid and legend read the same everywhere.
 * - `layout="horizontal"` (default): one group of bars per row along the x axis (`labelKey` on x); fixed `height`.
 * - `layout="vertical"`: one bar row per data row with its label on the left (`labelWidth` px); the height grows
 *   with the rows (`rowHeight` px each, at least `minHeight` px), so long lists never squash their labels.
 * `percent` draws a 0–100 % value axis. Sizes are CSS pixels. A legend shows when there is more than one series
 * or when `legend` is set.
 */
export function BarsChart<Row extends object>({
  rows,
  series,
  labelKey = 'label',
  layout = 'horizontal',
  width,
  height = 260,
  labelWidth = 200,
  rowHeight = 32,
  minHeight = 160,
  percent = false,
  legend,
}: {
  rows: Row[];
  series: BarSeries[];
  labelKey?: string;
  layout?: 'horizontal' | 'vertical';
  width: number;
  height?: number;
  labelWidth?: number;
  rowHeight?: number;
  minHeight?: number;
  percent?: boolean;
  legend?: boolean;
}) {
  const vertical = layout === 'vertical';
  const valueAxis = percent ? { domain: [0, 100] as [number, number], unit: '%' } : { allowDecimals: false };
  return (
    <BarChart
      width={width}
      height={vertical ? Math.max(minHeight, rows.length * rowHeight) : height}
      data={rows}
      layout={layout}
      margin={vertical ? { left: 24 } : { left: 8, right: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" />
      {vertical ? (
        <>
          <XAxis type="number" {...valueAxis} />
          {/* every row's label: the rows have room for them, and recharts would skip some of a long list */}
          <YAxis type="category" dataKey={labelKey} width={labelWidth} interval={0} />
        </>
      ) : (
        <>
          <XAxis dataKey={labelKey} />
          <YAxis {...valueAxis} />
        </>
      )}
      <Tooltip />
      {(legend ?? series.length > 1) ? <Legend /> : null}
      {series.map((s) => (
        <Bar key={s.dataKey} dataKey={s.dataKey} name={s.name} fill={s.color} />
      ))}
    </BarChart>
  );
}
