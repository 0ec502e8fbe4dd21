import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/** One participant's line on a session's register. */
export interface RegisterLine {
  /** the participant's name (first and last name), or the card's alias when no personal data were recorded */
  name: string;
  /** what the roster says: present, absent, excused, unknown */
  mark: 'present' | 'absent' | 'excused' | 'unknown';
  /** first check-in, epoch ms; null when marked by hand or absent */
  inAt: number | null;
  /** last check-out, epoch ms; null when none was recorded */
  outAt: number | null;
  /** minutes attended (packages/protocol attendedTime) */
  minutes: number;
  late: boolean;
  leftEarly: boolean;
  /** why an excused participant was away */
  excuseReason?: string;
}

/** One session of a register: the header a funder's inspector reads and the participants' lines. */
export interface RegisterSession {
  hubName: string;
  /** the funded operation's code and name; null for a session outside any operation */
  operation: { code: string; name: string } | null;
  title: string;
  activity: string;
  /** epoch ms */
  startsAt: number;
  endsAt: number;
  facilitator: string;
  room?: string;
  lines: RegisterLine[];
}

/**
 * A register's page for a session document (packages/protocol Session), its hub's name, its operation and its lines:
 * the one mapping the server and the kiosk share.
 */
export function registerSessionOf(
  session: {
    title: string;
    activity: string;
    startsAt: number;
    endsAt: number;
    facilitator: string;
    room?: string;
  },
  hubName: string,
  operation: RegisterSession['operation'],
  lines: RegisterLine[],
): RegisterSession {
  return {
    hubName,
    operation,
    title: session.title,
    activity: session.activity,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    facilitator: session.facilitator,
    ...(session.room ? { room: session.room } : {}),
    lines,
  };
}

/** A register: one session, or every session of an operation followed by each participant's total. */
export interface Register {
  /** the document's title, e.g. "Registro presenze" */
  title: string;
  sessions: RegisterSession[];
  /** IANA time zone the times are printed in (the hub's, Europe/Rome) */
  timeZone: string;
}

// DejaVu Sans, shipped as an npm package (not the system's fonts: a kiosk may have none), carries Italian accented
// letters, Cyrillic, Greek and basic Arabic; the PDF's 14 standard fonts carry Latin-1 only.
// Resolved when a register is made, not at import: in the kiosk's CommonJS bundle (apps/kiosk/scripts/
// build-electron.mjs, where pdfkit and the fonts stay external packages) `require` exists and import.meta does not.
function fontPath(file: string): string {
  const resolve = typeof require === 'function' ? require.resolve : createRequire(import.meta.url).resolve;
  return resolve(`dejavu-fonts-ttf/ttf/${file}`);
}

const MARK_LABEL: Record<RegisterLine['mark'], string> = {
  present: 'presente',
  absent: 'assente',
  excused: 'giustificato',
  unknown: 'non segnato',
};

const hoursFormat = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Minutes as hours with a decimal comma, the way Italian registers write them: 90 → "1,50". */
export function formatHours(minutes: number): string {
  return hoursFormat.format(minutes / 60);
}

const dayFormat = (timeZone: string) =>
  new Intl.DateTimeFormat('it-IT', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
const timeFormat = (timeZone: string) =>
  new Intl.DateTimeFormat('it-IT', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

// A4 portrait in points; columns: name, mark, in, out, hours, signature.
const PAGE = { margin: 40, width: 595.28, height: 841.89 };
const COLUMNS = [
  { label: 'Partecipante', width: 135 },
  { label: 'Presenza', width: 120 },
  { label: 'Entrata', width: 44 },
  { label: 'Uscita', width: 44 },
  { label: 'Ore', width: 36 },
  { label: 'Firma', width: 136 },
] as const;
// two lines of 8-point text: a long name or an excuse's reason wraps rather than being cut
const ROW_HEIGHT = 26;
const SESSION_WIDTHS = COLUMNS.map((c) => c.width);
// the summary's columns: participant, sessions attended, hours
const TOTALS_WIDTHS = [250, 130, 80];

/**
 * The attendance register as a PDF (A4, Italian): per session the hub, the operation's code, the date and times, the
 * facilitator, each participant with in, out and hours, the session's total, and lines for the participants' and
 * the facilitator's signatures; for more than one session, a last page with each participant's total hours. One
 * layout for the server's route and the kiosk's hub service (both Node).
 *
 * @returns the PDF's bytes
 */
export function registerPdf(register: Register): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    info: { Title: register.title, Creator: 'Vigevano hubs' },
    bufferPages: true,
  });
  doc.registerFont('body', fontPath('DejaVuSans.ttf'));
  doc.registerFont('bold', fontPath('DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  register.sessions.forEach((session, i) => {
    if (i > 0) doc.addPage();
    drawSession(doc, register, session);
  });
  if (register.sessions.length === 0) {
    doc.font('bold').fontSize(15).text(register.title);
    doc.font('body').fontSize(11).text('Nessuna sessione nel registro.');
  }
  if (register.sessions.length > 1) {
    doc.addPage();
    drawTotals(doc, register);
  }
  doc.end();
  return done;
}

function drawSession(doc: PDFKit.PDFDocument, register: Register, s: RegisterSession): void {
  const day = dayFormat(register.timeZone).format(s.startsAt);
  const time = timeFormat(register.timeZone);
  doc.font('bold').fontSize(15).text(register.title);
  doc.moveDown(0.3);
  doc.font('body').fontSize(10);
  const field = (label: string, value: string) =>
    doc.font('bold').text(`${label}: `, { continued: true }).font('body').text(value);
  field('Sede', s.hubName);
  field(
    'Operazione',
    s.operation ? [s.operation.code, s.operation.name].filter(Boolean).join(' – ') : 'nessuna',
  );
  field('Attività', `${s.title} (${s.activity})`);
  field('Data', day);
  field('Orario', `${time.format(s.startsAt)} – ${time.format(s.endsAt)}`);
  field('Facilitatore', s.facilitator || '—');
  if (s.room) field('Aula', s.room);
  doc.moveDown(0.6);
  drawHeader(doc);
  for (const line of s.lines) {
    if (doc.y + ROW_HEIGHT > PAGE.height - PAGE.margin - 80) {
      doc.addPage();
      drawHeader(doc);
    }
    const mark =
      MARK_LABEL[line.mark] +
      (line.late ? ', in ritardo' : '') +
      (line.leftEarly ? ', uscita anticipata' : '') +
      (line.excuseReason ? ` (${line.excuseReason})` : '');
    drawRow(doc, [
      line.name,
      mark,
      line.inAt === null ? '' : time.format(line.inAt),
      line.outAt === null ? '' : time.format(line.outAt),
      formatHours(line.minutes),
      '',
    ]);
  }
  const minutes = s.lines.reduce((sum, l) => sum + l.minutes, 0);
  const present = s.lines.filter((l) => l.minutes > 0).length;
  doc.moveDown(0.5);
  doc
    .font('bold')
    .text(
      `Totale: ${present} presenti su ${s.lines.length} iscritti, ore ${formatHours(minutes)}`,
      PAGE.margin,
    );
  doc.moveDown(2);
  doc.font('body').text('Firma del facilitatore: ______________________________', PAGE.margin);
}

function drawHeader(doc: PDFKit.PDFDocument): void {
  doc.font('bold').fontSize(8);
  drawCells(
    doc,
    COLUMNS.map((c) => c.label),
    SESSION_WIDTHS,
  );
  doc.font('body');
}

function drawRow(doc: PDFKit.PDFDocument, cells: string[]): void {
  doc.fontSize(8);
  drawCells(doc, cells, SESSION_WIDTHS);
}

/** One table row: each cell clipped to its column (ellipsis), a rule below (the signature line under "Firma"). */
function drawCells(doc: PDFKit.PDFDocument, cells: readonly string[], widths: readonly number[]): void {
  const y = doc.y;
  let x = PAGE.margin;
  cells.forEach((cell, i) => {
    const width = widths[i] ?? 60;
    doc.text(cell, x + 2, y + 4, { width: width - 4, height: ROW_HEIGHT - 4, ellipsis: true });
    x += width;
  });
  doc
    .moveTo(PAGE.margin, y + ROW_HEIGHT)
    .lineTo(x, y + ROW_HEIGHT)
    .lineWidth(0.5)
    .stroke();
  doc.x = PAGE.margin;
  doc.y = y + ROW_HEIGHT;
}

function drawTotals(doc: PDFKit.PDFDocument, register: Register): void {
  const first = register.sessions[0];
  doc.font('bold').fontSize(15).text(`${register.title}: riepilogo`);
  doc.font('body').fontSize(10);
  if (first?.operation) doc.text(`Operazione: ${first.operation.code} – ${first.operation.name}`);
  doc.text(`Sessioni: ${register.sessions.length}`);
  doc.moveDown(0.6);
  const totals = new Map<string, { minutes: number; sessions: number }>();
  for (const s of register.sessions)
    for (const l of s.lines) {
      const t = totals.get(l.name) ?? { minutes: 0, sessions: 0 };
      t.minutes += l.minutes;
      if (l.minutes > 0) t.sessions += 1;
      totals.set(l.name, t);
    }
  doc.font('bold').fontSize(9);
  drawCells(doc, ['Partecipante', 'Sessioni frequentate', 'Ore'], TOTALS_WIDTHS);
  doc.font('body');
  const names = [...totals.keys()].sort(new Intl.Collator('it').compare);
  for (const name of names) {
    if (doc.y + ROW_HEIGHT > PAGE.height - PAGE.margin - 40) doc.addPage();
    const t = totals.get(name) ?? { minutes: 0, sessions: 0 };
    drawCells(doc, [name, String(t.sessions), formatHours(t.minutes)], TOTALS_WIDTHS);
  }
  const all = [...totals.values()].reduce((sum, t) => sum + t.minutes, 0);
  doc.moveDown(0.5);
  doc.font('bold').text(`Totale ore dell'operazione: ${formatHours(all)}`, PAGE.margin);
}
