import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { issuesOf, issuesOfSchemaErrors } from './issues';

describe('issues of a refused value', () => {
  const schema = Compile(
    Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 120 }),
        email: Type.Optional(Type.Union([Type.String({ format: 'email' }), Type.Null()])),
        consent: Type.Literal(true),
      },
      { additionalProperties: false },
    ),
  );

  it('gives each field its keyword and bound, for a program to word', () => {
    expect(issuesOf(schema.Errors({ name: 'x'.repeat(121), consent: false }))).toEqual([
      { path: '/name', code: 'maxLength', limit: 120, message: expect.stringContaining('120') },
      { path: '/consent', code: 'const', allowed: [true], message: expect.any(String) },
    ]);
  });

  it('keeps what a union branch said about a field, not "must be null" nor the union summary', () => {
    expect(issuesOf(schema.Errors({ name: 'Ada', email: 'not an address', consent: true }))).toEqual([
      { path: '/email', code: 'format', format: 'email', message: expect.any(String) },
    ]);
  });

  it("reads Ajv's spelling of the parameters as well as TypeBox's", () => {
    expect(
      issuesOfSchemaErrors([
        { keyword: 'required', instancePath: '/person', params: { missingProperty: 'consent' } },
        { keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'x/y' } },
      ]),
    ).toEqual([
      { path: '/person/consent', code: 'required', message: 'is required' },
      { path: '/x~1y', code: 'unknown_field', message: 'is not a known field' },
    ]);
  });
});
