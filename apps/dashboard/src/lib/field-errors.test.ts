import type { ValidationIssue } from '@vigevano/protocol';
import { describe, expect, it } from 'vitest';
import { issueSentence, issuesOfDetails, placeErrors } from './field-errors';

const issue = (path: string, code: string, extra: Partial<ValidationIssue> = {}): ValidationIssue => ({
  path,
  code,
  message: 'server words',
  ...extra,
});

describe('the Italian sentence of a refusal', () => {
  it('words each schema fault from its keyword and bound, never with the schema text', () => {
    expect(issueSentence(issue('/a', 'required'))).toBe('Questo campo è obbligatorio');
    expect(issueSentence(issue('/a', 'minLength', { limit: 1 }))).toBe('Questo campo è obbligatorio');
    expect(issueSentence(issue('/a', 'minLength', { limit: 12 }))).toBe('Almeno 12 caratteri');
    expect(issueSentence(issue('/a', 'maxLength', { limit: 120 }))).toBe('Al massimo 120 caratteri');
    expect(issueSentence(issue('/a', 'maxLength', { limit: 1 }))).toBe('Al massimo 1 carattere');
    expect(issueSentence(issue('/a', 'minimum', { limit: 1900 }))).toBe('Il valore minimo è 1900');
    expect(issueSentence(issue('/a', 'maximum', { limit: 2100 }))).toBe('Il valore massimo è 2100');
    expect(issueSentence(issue('/a', 'type', { expected: 'integer' }))).toBe('Scrivi un numero intero');
    expect(issueSentence(issue('/a', 'const', { allowed: [true] }))).toBe('Questa casella va spuntata');
    expect(issueSentence(issue('/a', 'enum', { allowed: ['x'] }))).toBe('Scegli uno dei valori proposti');
    expect(issueSentence(issue('/a', 'format', { format: 'email' }))).toMatch(/^Scrivi un indirizzo email/);
    expect(issueSentence(issue('/a', 'pattern'))).toBe('Il formato non è valido');
    expect(issueSentence(issue('/a', 'anyOf'))).toBe('Valore non valido');
  });

  it("prefers the form's own words for a field, by code or for any code", () => {
    const messages = {
      '/person/consent': { '*': 'Serve il consenso della persona' },
      '/alias': { maxLength: 'Il nome sulla tessera è troppo lungo' },
    };
    expect(issueSentence(issue('/person/consent', 'const', { allowed: [true] }), messages)).toBe(
      'Serve il consenso della persona',
    );
    expect(issueSentence(issue('/person/consent', 'required'), messages)).toBe(
      'Serve il consenso della persona',
    );
    expect(issueSentence(issue('/alias', 'maxLength', { limit: 24 }), messages)).toBe(
      'Il nome sulla tessera è troppo lungo',
    );
    expect(issueSentence(issue('/alias', 'required'), messages)).toBe('Questo campo è obbligatorio');
  });

  it("keeps a route's own refusal in its own (Italian) words, with a capital letter", () => {
    expect(issueSentence(issue('/hubId', 'other_hub', { message: 'puoi registrare solo nel tuo hub' }))).toBe(
      'Puoi registrare solo nel tuo hub',
    );
  });
});

describe('where the sentences go', () => {
  const fields = ['/card/alias', '/person/consent', '/person/disadvantaged'];

  it('puts each issue next to its field or its closest parent field, the first one per field', () => {
    const placed = placeErrors(
      [
        issue('/person/consent', 'const', { allowed: [true] }),
        issue('/person/disadvantaged/1', 'enum'),
        issue('/person/disadvantaged/2', 'enum'),
        issue('/card/alias', 'maxLength', { limit: 24 }),
      ],
      null,
      fields,
    );
    expect(Object.fromEntries(placed.byField)).toEqual({
      '/person/consent': 'Questa casella va spuntata',
      '/person/disadvantaged': 'Scegli uno dei valori proposti',
      '/card/alias': 'Al massimo 24 caratteri',
    });
    expect(placed.summary).toEqual([]);
  });

  it('sends what no field shows to the summary, saying where it was, and the message of a refusal', () => {
    const placed = placeErrors(
      [
        issue('/card', 'required'),
        issue('/visitorId', 'pattern', { in: 'params' }),
        issue('/cardholder', 'duplicate', { message: 'esiste già' }),
      ],
      'Il server non risponde',
      fields,
    );
    expect(placed.byField.size).toBe(0);
    expect(placed.summary).toEqual([
      'Questo campo è obbligatorio (nel dato /card)',
      'Il formato non è valido (nell’indirizzo della pagina)',
      'Esiste già',
      'Il server non risponde',
    ]);
  });

  it('does not take a sibling with a longer name for a parent', () => {
    const placed = placeErrors([issue('/card/aliasExtra', 'required')], null, ['/card/alias']);
    expect(placed.byField.size).toBe(0);
  });

  it("reads only well-formed issues out of a refusal's details", () => {
    expect(issuesOfDetails([issue('/a', 'required'), { row: 0, issues: [] }, 'text', null])).toEqual([
      issue('/a', 'required'),
    ]);
    expect(issuesOfDetails({ retryAfterSeconds: 3 })).toEqual([]);
  });
});
