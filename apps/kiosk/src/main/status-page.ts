import { escapeHtml } from '@vigevano/card-sheet';

/** A full-screen message page as a data: URL, for the moments the hub service's UI cannot be shown. */
export function statusPage(title: string, detail: string): string {
  const html = `<!doctype html><html lang="it"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{margin:0;min-height:100vh;display:grid;place-content:center;text-align:center;background:#10202b;color:#fff;
font-family:"Noto Sans","DejaVu Sans",sans-serif}h1{font-size:3rem;margin:0 0 1rem}p{font-size:1.5rem}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
