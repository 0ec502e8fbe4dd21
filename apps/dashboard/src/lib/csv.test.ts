import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

// Names come from people and from imported spreadsheets (issue 15, item 8): a name like `=cmd|' /C calc'!A0` is
// stored as typed, and must reach a spreadsheet as text, never as a formula it would run.

describe('toCsv', () => {
  it('writes formula-like cells as text (a leading apostrophe), quotes every text cell, keeps numbers', () => {
    const csv = toCsv(
      ['nome', 'cognome', 'anno'],
      [
        ["=cmd|' /C calc'!A0", '+SUM(A1)', 1990],
        ['-2+3', '@risposta', null],
        ['\tTab', 'Rossi "Mario"', 0],
      ],
    );
    expect(csv).toBe(
      '\uFEFF"nome";"cognome";"anno"\r\n' +
        `"'=cmd|' /C calc'!A0";"'+SUM(A1)";1990\r\n` +
        `"'-2+3";"'@risposta";\r\n` +
        `"'\tTab";"Rossi ""Mario""";0\r\n`,
    );
  });
});
