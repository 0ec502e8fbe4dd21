import { SCHEMA_ISSUE_CODES, type ValidationIssue } from '@vigevano/protocol';

// The one place where the dashboard turns a refusal into Italian sentences and decides where each goes: next to the
// field it is about, or in the summary at the top of the form. Schema faults arrive as a JSON Schema keyword with
// its bound (packages/protocol schema/issues.ts, sync-server http/errors.ts); a route's own refusals arrive with an
// Italian message already.

/**
 * A form's own words for some faults, by the field's path in the request body, then by the issue's code (or `*` for
 * any code): `{ '/person/consent': { '*': 'Serve il consenso della persona' } }`.
 */
export type FieldMessages = Readonly<Record<string, Readonly<Record<string, string>>>>;

const SCHEMA_CODES: ReadonlySet<string> = new Set(SCHEMA_ISSUE_CODES);

const REQUIRED = 'Questo campo è obbligatorio';
const INVALID = 'Valore non valido';

const FORMATS: Readonly<Record<string, string>> = {
  email: 'Scrivi un indirizzo email valido, come nome@esempio.it',
  date: 'Scrivi una data valida',
  'date-time': 'Scrivi una data e un’ora valide',
  time: 'Scrivi un’ora valida',
  uri: 'Scrivi un indirizzo web valido',
};

const plural = (n: number | undefined, one: string, many: string) => (n === 1 ? one : many);

/** The Italian sentence for a schema fault, from its keyword and bound (without a final full stop, like a label). */
function schemaSentence(issue: ValidationIssue): string {
  const n = issue.limit;
  switch (issue.code) {
    case 'required':
      return REQUIRED;
    case 'unknown_field':
      return 'Questo campo non è previsto';
    case 'type':
      if (issue.expected === 'integer') return 'Scrivi un numero intero';
      if (issue.expected === 'number') return 'Scrivi un numero';
      return INVALID;
    case 'const':
      return issue.allowed?.length === 1 && issue.allowed[0] === true
        ? 'Questa casella va spuntata'
        : INVALID;
    case 'enum':
      return 'Scegli uno dei valori proposti';
    case 'minLength':
      return n === undefined || n <= 1 ? REQUIRED : `Almeno ${n} caratteri`;
    case 'maxLength':
      return `Al massimo ${n} ${plural(n, 'carattere', 'caratteri')}`;
    case 'minimum':
      return `Il valore minimo è ${n}`;
    case 'maximum':
      return `Il valore massimo è ${n}`;
    case 'exclusiveMinimum':
      return `Deve essere più di ${n}`;
    case 'exclusiveMaximum':
      return `Deve essere meno di ${n}`;
    case 'multipleOf':
      return `Deve essere un multiplo di ${n}`;
    case 'format':
      return FORMATS[issue.format ?? ''] ?? 'Il formato non è valido';
    case 'minItems':
      return n === 1 ? 'Scegli almeno un elemento' : `Scegli almeno ${n} elementi`;
    case 'maxItems':
      return `Al massimo ${n} ${plural(n, 'elemento', 'elementi')}`;
    case 'uniqueItems':
      return 'Ci sono elementi ripetuti';
    case 'pattern':
      return 'Il formato non è valido';
    default:
      return INVALID;
  }
}

/**
 * The Italian sentence for one issue: the form's own words for its field and code if it has them, the sentence for
 * its JSON Schema keyword, or else the route's own message (already Italian), with a capital first letter.
 */
export function issueSentence(issue: ValidationIssue, messages: FieldMessages = {}): string {
  const own = messages[issue.path];
  const mine = own?.[issue.code] ?? own?.['*'];
  if (mine) return mine;
  if (SCHEMA_CODES.has(issue.code)) return schemaSentence(issue);
  return issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
}

/** The issues in a refusal's details, if it carries any (`[{ path, code, message, … }]`); [] otherwise. */
export function issuesOfDetails(details: unknown): ValidationIssue[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is ValidationIssue =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as ValidationIssue).path === 'string' &&
      typeof (d as ValidationIssue).code === 'string' &&
      typeof (d as ValidationIssue).message === 'string',
  );
}

/** The field among `fields` (paths into the body) that an issue is about: its own path or the closest parent. */
function fieldOf(issue: ValidationIssue, fields: readonly string[]): string | undefined {
  if (issue.in) return undefined; // a fault in the address or the query string: no field of the form
  let best: string | undefined;
  for (const f of fields)
    if ((issue.path === f || issue.path.startsWith(`${f}/`)) && f.length > (best?.length ?? -1)) best = f;
  return best;
}

/** Where a refusal's sentences go: one per field (the first issue about it), the rest for the summary. */
interface PlacedErrors {
  byField: ReadonlyMap<string, string>;
  summary: readonly string[];
}

/**
 * Places a refusal's issues on the form's fields (`fields`, the paths the form shows); an issue about no field
 * goes to the summary, named by its path so that it can still be found. `message` (a refusal with no issues, or a
 * failure of the network) goes to the summary too.
 */
export function placeErrors(
  issues: readonly ValidationIssue[],
  message: string | null,
  fields: readonly string[],
  messages: FieldMessages = {},
): PlacedErrors {
  const byField = new Map<string, string>();
  const summary: string[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue, fields);
    const sentence = issueSentence(issue, messages);
    if (field === undefined) {
      const where = issue.in ? 'nell’indirizzo della pagina' : `nel dato ${issue.path}`;
      summary.push(SCHEMA_CODES.has(issue.code) ? `${sentence} (${where})` : sentence);
    } else if (!byField.has(field)) byField.set(field, sentence);
  }
  if (message) summary.push(message);
  return { byField, summary };
}
