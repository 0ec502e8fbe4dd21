import { cloneElement, type ReactElement, type ReactNode, useId, useLayoutEffect } from 'react';
import { useFormContext } from '../lib/use-form-errors';

/** What Field sets on the control it wraps (an input, a select, a textarea). */
interface ControlProps {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/** Claims `path` in the surrounding Form (its errors then show here, not in the summary); answers the error. */
function useFieldError(path: string | undefined): string | undefined {
  const form = useFormContext();
  const claim = form?.claim;
  useLayoutEffect(() => (path && claim ? claim(path) : undefined), [path, claim]);
  return path ? form?.byField.get(path) : undefined;
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={id} className="field-error">
      <span className="visually-hidden">Errore: </span>
      {error}
    </p>
  ) : null;
}

/**
 * One control of a form with its label, an optional hint, and its error in Italian (from the Form it sits in) right
 * by it; the control gets an id, `aria-describedby` (hint and error) and `aria-invalid`. `path` is the control's
 * place in the request body as a JSON Pointer (`/person/consent`): the server's issues at that path, or below it,
 * show here. `inline` puts the label after the control (checkboxes).
 */
export function Field({
  label,
  path,
  hint,
  inline,
  children,
}: {
  label: ReactNode;
  path?: string;
  hint?: ReactNode;
  inline?: boolean;
  children: ReactElement<ControlProps>;
}) {
  const id = useId();
  const error = useFieldError(path);
  const controlId = children.props.id ?? `${id}-control`;
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null, children.props['aria-describedby']]
      .filter(Boolean)
      .join(' ') || undefined;
  const control = cloneElement(children, {
    id: controlId,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
  });
  const hintText = hint ? (
    <p id={`${id}-hint`} className="hint">
      {hint}
    </p>
  ) : null;
  return (
    <div className={`field${inline ? ' field-inline' : ''}${error ? ' invalid' : ''}`}>
      {inline ? (
        <span className="inline-control">
          {control}
          <label htmlFor={controlId}>{label}</label>
        </span>
      ) : (
        <label htmlFor={controlId}>{label}</label>
      )}
      {hintText}
      <FieldError id={`${id}-error`} error={error} />
      {inline ? null : control}
    </div>
  );
}

/**
 * A group of controls (checkboxes) under a legend, with one error for the group: the server's issues at `path`
 * or below it (`/person/disadvantaged/2`) show under the legend, and the group points at it (aria-describedby).
 */
export function FieldGroup({
  legend,
  path,
  children,
}: {
  legend: ReactNode;
  path?: string;
  children: ReactNode;
}) {
  const id = useId();
  const error = useFieldError(path);
  return (
    <fieldset className={error ? 'invalid' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <FieldError id={`${id}-error`} error={error} />
      {children}
    </fieldset>
  );
}
