import { type FormEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { placeErrors } from '../lib/field-errors';
import { FormContext, type FormErrors } from '../lib/use-form-errors';

/**
 * The dashboard's form: the browser's own checks are off (they speak the browser's language and stop at the first
 * field), so every refusal takes one path: the server's issues (or `errors.show` for a check made here) are worded
 * in Italian next to their Field, and what no Field shows goes to the summary at the top. After a failed submission
 * the focus moves to the first field in error (opening a <details> around it), or the summary is read out
 * (role="alert").
 */
export function Form({
  errors,
  onSubmit,
  className,
  children,
  'aria-labelledby': labelledBy,
}: {
  errors: FormErrors;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  className?: string;
  children: ReactNode;
  'aria-labelledby'?: string;
}) {
  const [fields, setFields] = useState<readonly string[]>([]);
  const claim = useCallback((path: string) => {
    setFields((f) => [...f, path]);
    return () =>
      setFields((f) => {
        const i = f.indexOf(path);
        return i < 0 ? f : [...f.slice(0, i), ...f.slice(i + 1)];
      });
  }, []);
  const { issues, message, version } = errors.state;
  const placed = useMemo(
    () => placeErrors(issues, message, fields, errors.messages),
    [issues, message, fields, errors.messages],
  );
  const context = useMemo(() => ({ errors, claim, byField: placed.byField }), [errors, claim, placed]);
  const form = useRef<HTMLFormElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new failure (its version), not a re-render, moves focus
  useEffect(() => {
    if (version === 0 || placed.summary.length > 0) return;
    const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    // A field in a closed <details> cannot take the focus, and its error would stay hidden: open it.
    for (let d = first?.closest('details'); d; d = d.parentElement?.closest('details'))
      (d as HTMLDetailsElement).open = true;
    first?.focus();
  }, [version]);
  return (
    <FormContext.Provider value={context}>
      <form ref={form} noValidate className={className} onSubmit={onSubmit} aria-labelledby={labelledBy}>
        <ErrorSummary lines={placed.summary} />
        {children}
      </form>
    </FormContext.Provider>
  );
}

/** The errors of a form that no field shows: one line as a paragraph, several as a list; read out at once. */
function ErrorSummary({ lines }: { lines: readonly string[] }) {
  if (lines.length === 0) return null;
  if (lines.length === 1)
    return (
      <p role="alert" className="error error-summary">
        {lines[0]}
      </p>
    );
  return (
    <div role="alert" className="error error-summary">
      <p>Il modulo non è stato inviato:</p>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
