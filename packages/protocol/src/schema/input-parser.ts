import { type Static, type TObject, type TSchema, type TString, type TStringOptions, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { describeIssues, issuesOf, type ValidationIssue } from './issues';

/** Thrown by an input parser for a value its schema refuses; the message names every field at fault. */
export class InvalidInput extends Error {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(`invalid input: ${describeIssues(issues)}`);
    this.name = 'InvalidInput';
  }
}

/** The annotation of a string property that an input parser trims before checking it (people type spaces). */
export const TRIM = 'x-trim';

/**
 * A string that an input parser trims before checking its length, so "  Maria " is "Maria" and "   " is empty.
 * Only a property of the top-level object is trimmed (every input of the kiosk API is one flat object).
 */
export function TrimmedString(options: TStringOptions): TString {
  return Type.String({ ...options, [TRIM]: true });
}

function trimmed(schema: TSchema, input: unknown): unknown {
  const properties = (schema as Partial<TObject>).properties;
  if (!properties || typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const out: Record<string, unknown> = { ...input };
  for (const [key, property] of Object.entries(properties)) {
    const value = out[key];
    if ((property as Record<string, unknown>)[TRIM] === true && typeof value === 'string')
      out[key] = value.trim();
  }
  return out;
}

/**
 * A parser of untrusted input by a TypeBox schema, in the shape tRPC takes as a procedure's input parser (a
 * function `(input: unknown) => T` that throws; tRPC answers BAD_REQUEST with the thrown error's message).
 * Returns the input as it is (only trimmed where the schema says so): nothing is converted, defaulted or dropped,
 * and an unknown field is refused when the schema is closed. Throws InvalidInput naming each field at fault.
 */
export function inputParser<T extends TSchema>(schema: T): (input: unknown) => Static<T> {
  const validator = Compile(schema);
  return (input) => {
    const value = trimmed(schema, input);
    if (validator.Check(value)) return value as Static<T>;
    throw new InvalidInput(issuesOf(validator.Errors(value)));
  };
}
