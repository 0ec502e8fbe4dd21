import { useEffect, useMemo, useState } from 'react';
import { toCsv } from '../lib/csv';

/** A link that downloads the table as CSV (built in the browser from the same rows the table shows). */
export function DownloadCsv({
  filename,
  header,
  rows,
}: {
  filename: string;
  header: string[];
  rows: Array<Array<string | number | null>>;
}) {
  const csv = useMemo(() => toCsv(header, rows), [header, rows]);
  const [href, setHref] = useState<string>();
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [csv]);
  return (
    <a className="button secondary" href={href} download={filename}>
      Scarica CSV
    </a>
  );
}
