import type { TLocalizedValidationError } from 'typebox/error';
import { PATTERN_NAMES } from './patterns';

/**
 * The JSON Schema keywords an issue's `code` may name when the value's shape is at fault (the schema validators
 * of TypeBox and of Fastify, Ajv, both report by keyword). `unknown_field` stands for `additionalProperties`.
 * Any other code is a route's own refusal (`duplicate`, `after_start`, …), whose message is for people already.
 */
/** The keywords whose refusal carries a bound (`limit`): a length, a count of items, a number. */
const LIMIT_CODES = [
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
] as const;

export const SCHEMA_ISSUE_CODES = [
  'required',
  'unknown_field',
  'type',
  'const',
  'enum',
  ...LIMIT_CODES,
  'pattern',
  'format',
  'uniqueItems',
  'anyOf',
  'oneOf',
] as const;

/**
 * One reason a value is refused, usable by programs: where (`path`, a JSON Pointer (RFC 6901) into the value that
 * was checked, `/` for the value itself), what kind of fault (`code`: a JSON Schema keyword of SCHEMA_ISSUE_CODES,
 * or a route's own code) with the bound or the choices involved, and a `message` for people reading the API (in
 * English for schema faults; a route's own refusals on dashboard routes speak Italian). The dashboard words its own
 * sentence from `code` and the parameters (apps/dashboard/src/lib/field-errors.ts).
 */
export interface ValidationIssue {
  /** which part of an HTTP request `path` points into; absent for a document or a body */
  in?: 'params' | 'querystring' | 'headers';
  path: string;
  code: string;
  message: string;
  /** the bound of minLength/maxLength (characters), minItems/maxItems (items), minimum/maximum (the number) */
  limit?: number;
  /** the accepted values of `const` and `enum` */
  allowed?: unknown[];
  /** the JSON type(s) `type` wanted: `string`, `integer`, `null`, … joined by `|` */
  expected?: string;
  /** the `format` wanted (`email`, `date-time`, …) */
  format?: string;
}

/**
 * One error of a JSON Schema validator, in the shape both TypeBox (`Errors()`) and Ajv (Fastify's
 * `error.validation`) report: the keyword that failed, where (`instancePath`), its parameters and a message.
 * Their parameters differ in a few names (TypeBox `requiredProperties`/`additionalProperties` lists, Ajv
 * `missingProperty`/`additionalProperty` single names); both spellings are read.
 */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: object;
  message?: string;
}

const pointer = (path: string, key?: string): string => {
  // JSON Pointer escaping (RFC 6901): `~` and `/` inside a key.
  const child = key === undefined ? '' : `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return `${path}${child}` || '/';
};

const names = (list: unknown, single: unknown): string[] =>
  Array.isArray(list) ? list.map(String) : typeof single === 'string' ? [single] : [];

const LIMITED: ReadonlySet<string> = new Set(LIMIT_CODES);

/** The issue(s) of one validator error, with the message reworded where it would quote a regular expression. */
function issuesOfError(error: SchemaError): ValidationIssue[] {
  const params = error.params as Record<string, unknown>;
  const at = pointer(error.instancePath);
  const message = error.message ?? error.keyword;
  switch (error.keyword) {
    case 'required':
      return names(params.requiredProperties, params.missingProperty).map((name) => ({
        path: pointer(error.instancePath, name),
        code: 'required',
        message: 'is required',
      }));
    case 'additionalProperties':
      return names(params.additionalProperties, params.additionalProperty).map((name) => ({
        path: pointer(error.instancePath, name),
        code: 'unknown_field',
        message: 'is not a known field',
      }));
    case 'pattern': {
      const name = typeof params.pattern === 'string' ? PATTERN_NAMES[params.pattern] : undefined;
      return [{ path: at, code: 'pattern', message: name ? `must be ${name}` : message }];
    }
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      return [
        {
          path: at,
          code: 'enum',
          message: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
          allowed,
        },
      ];
    }
    case 'const':
      return [{ path: at, code: 'const', message, allowed: [params.allowedValue] }];
    case 'type': {
      const type = params.type;
      const expected = Array.isArray(type) ? type.join('|') : String(type);
      return [{ path: at, code: 'type', message, expected }];
    }
    case 'format':
      return [{ path: at, code: 'format', message, format: String(params.format) }];
    default: {
      const limit = LIMITED.has(error.keyword) ? Number(params.limit ?? params.multipleOf) : undefined;
      return [{ path: at, code: error.keyword, message, ...(limit === undefined ? {} : { limit }) }];
    }
  }
}

/** How much an issue says about what to type: a union's summary or its `null` branch say least. */
function specificity(issue: ValidationIssue): number {
  if (issue.code === 'anyOf' || issue.code === 'oneOf') return 0;
  if (issue.code === 'type' && issue.expected === 'null') return 1;
  return 2;
}

/**
 * The issues of a validator's errors, each naming the field at fault: a missing field is reported at its own path
 * ("/updatedAt is required"), an unknown one too ("/sneaky is not a known field"). A value refused by every branch
 * of a union (`string | null` with a bad e-mail) keeps only its most telling issues: the union's own summary and
 * "must be null" go when a branch said more about the same field. TypeBox's `boolean` errors for
 * `additionalProperties: false` (the same fact as the additionalProperties error, per field) are dropped.
 */
export function issuesOfSchemaErrors(errors: readonly SchemaError[]): ValidationIssue[] {
  const all = errors.filter((e) => e.keyword !== 'boolean').flatMap(issuesOfError);
  const best = new Map<string, number>();
  for (const i of all) best.set(i.path, Math.max(best.get(i.path) ?? 0, specificity(i)));
  const kept = all.filter((i) => specificity(i) === best.get(i.path));
  // Ajv may report the same keyword at the same place once per union branch: once is enough.
  const seen = new Set<string>();
  return kept.filter((i) => {
    const key = `${i.path} ${i.code} ${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The issues of TypeBox's errors (a Validator's `Errors()`); see issuesOfSchemaErrors. */
export function issuesOf(errors: readonly TLocalizedValidationError[]): ValidationIssue[] {
  return issuesOfSchemaErrors(errors);
}

/** The issues as one line, for an error message: `/alias must not have more than 24 characters; /id is required`. */
export function describeIssues(issues: readonly Pick<ValidationIssue, 'path' | 'message'>[]): string {
  return issues.map((i) => `${i.path} ${i.message}`).join('; ');
}
