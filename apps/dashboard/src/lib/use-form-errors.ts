import type { ValidationIssue } from '@vigevano/protocol';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { ApiError } from '../api';
import type { FieldMessages } from './field-errors';

/** What went wrong with a form's last submission: issues about fields, or a message about none. */
interface FormErrorState {
  issues: readonly ValidationIssue[];
  message: string | null;
  /** counts failures, so the form moves focus to the first error again even when the same one comes back */
  version: number;
}

/**
 * A form's errors (lib/field-errors.ts words and places them, components/Form.tsx shows them): `fail` with what a
 * submission threw, `show` for a check made in the browser, `clear` before trying again.
 */
export interface FormErrors {
  state: FormErrorState;
  messages: FieldMessages;
  /**
   * Shows what `error` says: an ApiError's issues next to their fields (all of them next to `field` when given:
   * a side request such as an image upload belongs to that field), its message otherwise; `fallback` for
   * anything that is not a refusal of the server.
   */
  fail(error: unknown, fallback: string, field?: string): void;
  /** Shows a problem found in the browser, next to the field at `path`. */
  show(path: string, message: string): void;
  clear(): void;
  /** true when the last submission failed */
  failed: boolean;
}

const NONE: FormErrorState = { issues: [], message: null, version: 0 };

/** The errors of one form; `messages` are the form's own words for some fields (FieldMessages). */
export function useFormErrors(messages: FieldMessages = {}): FormErrors {
  const [state, setState] = useState<FormErrorState>(NONE);
  const fail = useCallback((error: unknown, fallback: string, field?: string) => {
    setState((s) => {
      const version = s.version + 1;
      if (!(error instanceof ApiError)) return { issues: [], message: fallback, version };
      if (field) {
        const issues =
          error.issues.length > 0
            ? error.issues
            : [{ path: field, code: error.code, message: error.message }];
        return { issues: issues.map((i) => ({ ...i, path: field, in: undefined })), message: null, version };
      }
      return error.issues.length > 0
        ? { issues: error.issues, message: null, version }
        : { issues: [], message: error.message, version };
    });
  }, []);
  const show = useCallback((path: string, message: string) => {
    setState((s) => ({
      issues: [{ path, code: 'browser', message }],
      message: null,
      version: s.version + 1,
    }));
  }, []);
  const clear = useCallback(() => setState((s) => ({ ...NONE, version: s.version })), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the words are fixed for the form's life
  return useMemo(
    () => ({ state, messages, fail, show, clear, failed: state.issues.length > 0 || state.message !== null }),
    [state, fail, show, clear],
  );
}

/** The form a Field sits in: its errors, and the paths of the fields it shows (for the summary to leave out). */
interface FormContextValue {
  errors: FormErrors;
  claim(path: string): () => void;
  byField: ReadonlyMap<string, string>;
}

export const FormContext = createContext<FormContextValue | null>(null);

/** The form around a Field, or null when the Field stands outside a Form (it then shows no server errors). */
export function useFormContext(): FormContextValue | null {
  return useContext(FormContext);
}
