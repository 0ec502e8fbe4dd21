import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { Ulid } from './fields';
import { InvalidInput, inputParser, TrimmedString } from './input-parser';

const ID = '01JD0000000000000000000000';
const parse = inputParser(
  Type.Object(
    { id: Ulid(), name: TrimmedString({ minLength: 1, maxLength: 5 }), count: Type.Integer({ minimum: 0 }) },
    { additionalProperties: false },
  ),
);

/** The InvalidInput that `run` throws. */
function refusal(run: () => unknown): InvalidInput {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInput) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

describe('inputParser', () => {
  it('answers valid input as it came, trimming only the strings the schema marks', () => {
    expect(parse({ id: ID, name: '  Maria ', count: 2 })).toEqual({ id: ID, name: 'Maria', count: 2 });
  });

  it('checks lengths after trimming, as a name of spaces is no name', () => {
    expect(refusal(() => parse({ id: ID, name: '   ', count: 0 })).issues).toEqual([
      { path: '/name', code: 'minLength', limit: 1, message: expect.stringContaining('1') },
    ]);
    expect(parse({ id: ID, name: `  ${'x'.repeat(5)}  `, count: 0 }).name).toBe('xxxxx');
  });

  it('refuses with a message naming each field at fault, and converts nothing', () => {
    const error = refusal(() => parse({ id: 'nope', name: 'Ada', count: '3', extra: true }));
    expect(error.message).toBe(
      'invalid input: /extra is not a known field; /id must be an id (ULID: 26 characters 0-9 and A-Z without I, L, O, U); /count must be integer',
    );
    expect(refusal(() => parse({ name: 'Ada', count: 1 })).message).toBe('invalid input: /id is required');
    expect(refusal(() => parse(null)).message).toBe('invalid input: / must be object');
  });
});
