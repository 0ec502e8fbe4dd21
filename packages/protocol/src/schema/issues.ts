import type { TLocalizedValidationError } from 'typebox/error';
import { PATTERN_NAMES } from './patterns';

/** One reason a value is refused: where (a JSON Pointer into the value, `/` for the value itself) and why. */
export interface ValidationIssue {
  path: string;
  message: string;
}

const pointer = (path: string, key?: string): string => {
  // JSON Pointer escaping (RFC 6901): `~` and `/` inside a key.
  const child = key === undefined ? '' : `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return `${path}${child}` || '/';
};

/** TypeBox's message for one error, reworded where it would otherwise quote a regular expression or a list of names. */
function reword(error: TLocalizedValidationError): ValidationIssue[] {
  switch (error.keyword) {
    case 'required':
      return error.params.requiredProperties.map((name) => ({
        path: pointer(error.instancePath, name),
        message: 'is required',
      }));
    case 'additionalProperties':
      return error.params.additionalProperties.map((name) => ({
        path: pointer(error.instancePath, name),
        message: 'is not a known field',
      }));
    case 'pattern': {
      const { pattern } = error.params;
      const name = typeof pattern === 'string' ? PATTERN_NAMES[pattern] : undefined;
      return [{ path: pointer(error.instancePath), message: name ? `must be ${name}` : error.message }];
    }
    case 'enum':
      return [
        {
          path: pointer(error.instancePath),
          message: `must be one of ${error.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`,
        },
      ];
    default:
      return [{ path: pointer(error.instancePath), message: error.message }];
  }
}

/**
 * The issues of TypeBox's errors (a Validator's `Errors()`), each naming the field at fault: a missing field is
 * reported at its own path ("/updatedAt is required"), an unknown one too ("/sneaky is not a known field").
 * The `boolean` errors TypeBox adds for `additionalProperties: false` (the same fact as the additionalProperties
 * error, per field) are dropped.
 */
export function issuesOf(errors: readonly TLocalizedValidationError[]): ValidationIssue[] {
  return errors.filter((e) => e.keyword !== 'boolean').flatMap(reword);
}

/** The issues as one line, for an error message: `/alias must not have more than 24 characters; /id is required`. */
export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.path} ${i.message}`).join('; ');
}
