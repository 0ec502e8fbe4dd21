import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { registerLines } from './register-lines';
import { formatHours, type RegisterSession, registerPdf } from './register-pdf';

const H = 3_600_000;
const M = 60_000;
// 2026-03-10 15:00–17:00 in Rome (UTC+1 in March before the change)
const startsAt = Date.UTC(2026, 2, 10, 14, 0);
const session = { startsAt, endsAt: startsAt + 2 * H };

async function textOf(pdf: Buffer): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text;
}

function sessionOf(lines: RegisterSession['lines'], at = startsAt): RegisterSession {
  return {
    hubName: 'Hub Cavallerizza',
    operation: { code: 'FSE-LOM-2026-017', name: 'Competenze digitali' },
    title: 'Lezione 1',
    activity: 'Informatica di base',
    startsAt: at,
    endsAt: at + 2 * H,
    facilitator: 'Giulia Bianchi',
    lines,
  };
}

describe('registerLines', () => {
  it('gives each roster entry its in, out and minutes, leaving annulled check-ins out', () => {
    const lines = registerLines(
      session,
      [
        { cardId: 'A', name: 'Zoe Rossi', mark: 'unknown' },
        { cardId: 'B', name: 'Luca Verdi', mark: 'excused', excuseReason: 'malattia' },
        { cardId: 'C', name: 'Anna Neri', mark: 'unknown' },
      ],
      [
        { id: 'c1', cardId: 'A', direction: 'in', at: startsAt + 30 * M },
        { id: 'c2', cardId: 'A', direction: 'out', at: startsAt + 90 * M },
        { id: 'c3', cardId: 'C', direction: 'in', at: startsAt },
      ],
      true,
      new Set(['c3']),
    );
    // sorted by name; Anna's only check-in was annulled: not present, no hours
    expect(lines.map((l) => [l.name, l.mark, l.minutes, l.late, l.leftEarly])).toEqual([
      ['Anna Neri', 'unknown', 0, false, false],
      ['Luca Verdi', 'excused', 0, false, false],
      ['Zoe Rossi', 'present', 60, true, true],
    ]);
    expect(lines[1]?.excuseReason).toBe('malattia');
  });
});

describe('registerPdf', () => {
  it('prints hub, operation code, date, times, facilitator, names with accents and other scripts, hours and totals', async () => {
    const pdf = await registerPdf({
      title: 'Registro presenze',
      timeZone: 'Europe/Rome',
      sessions: [
        sessionOf([
          {
            name: 'Niccolò Fabbrì',
            mark: 'present',
            inAt: startsAt + 25 * M,
            outAt: null,
            minutes: 95,
            late: true,
            leftEarly: false,
          },
          {
            name: 'Ольга Петрова',
            mark: 'present',
            inAt: null,
            outAt: null,
            minutes: 120,
            late: false,
            leftEarly: false,
          },
          {
            name: 'Sara Colombo',
            mark: 'absent',
            inAt: null,
            outAt: null,
            minutes: 0,
            late: false,
            leftEarly: false,
          },
        ]),
      ],
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await textOf(pdf);
    for (const expected of [
      'Registro presenze',
      'Hub Cavallerizza',
      'FSE-LOM-2026-017',
      'martedì 10 marzo 2026',
      '15:00 – 17:00',
      'Giulia Bianchi',
      'Niccolò Fabbrì',
      'Ольга Петрова',
      '15:25',
      'in ritardo',
      '1,58', // 95 minutes
      '2,00',
      // 95 + 120 minutes = 3,58 hours, 2 of 3 present
      'Totale: 2 presenti su 3 iscritti, ore 3,58',
      'Firma del facilitatore',
    ])
      expect(text).toContain(expected);
  });

  it("adds a summary of each participant's hours over an operation's sessions", async () => {
    const line = (name: string, minutes: number) => ({
      name,
      mark: 'present' as const,
      inAt: null,
      outAt: null,
      minutes,
      late: false,
      leftEarly: false,
    });
    const pdf = await registerPdf({
      title: 'Registro presenze',
      timeZone: 'Europe/Rome',
      sessions: [
        sessionOf([line('Anna Neri', 120), line('Luca Verdi', 30)]),
        sessionOf([line('Anna Neri', 60), line('Luca Verdi', 0)], startsAt + 7 * 24 * H),
      ],
    });
    const text = await textOf(pdf);
    expect(text).toContain('martedì 17 marzo 2026');
    expect(text).toContain('Registro presenze: riepilogo');
    expect(text).toContain('Sessioni: 2');
    // Anna 180 min = 3,00 h over 2 sessions; Luca 30 min = 0,50 h over 1; total 210 min = 3,50 h
    expect(text).toMatch(/Anna Neri\s+2\s+3,00/);
    expect(text).toMatch(/Luca Verdi\s+1\s+0,50/);
    expect(text).toContain("Totale ore dell'operazione: 3,50");
  });

  it('writes hours with a decimal comma', () => {
    expect(formatHours(90)).toBe('1,50');
    expect(formatHours(0)).toBe('0,00');
  });
});
