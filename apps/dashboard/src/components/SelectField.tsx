import type { ChangeEvent, ReactNode } from 'react';
import { Field } from './Field';

/** One choice of a select: the value sent, and the label a coordinator reads. */
export interface Option {
  value: string;
  label: string;
}

/**
 * A labelled select, the dashboard's one way to offer a closed list. Controlled (`value` + `onChange`, which gets
 * the chosen value) or uncontrolled inside a form (`name` + `defaultValue`, read with FormData). `empty` adds a
 * first option with the value '' (e.g. "Tutta la città", "non rilevato"). Inside a Form, `path` (the value's place in
 * the request body, `/hubId`) shows the server's refusal of it next to the select (components/Field.tsx).
 */
export function SelectField({
  label,
  options,
  name,
  value,
  defaultValue,
  onChange,
  empty,
  required,
  path,
  hint,
}: {
  label: string;
  path?: string;
  hint?: ReactNode;
  options: readonly Option[];
  name?: string;
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  empty?: string;
  required?: boolean;
}) {
  const change = onChange ? (e: ChangeEvent<HTMLSelectElement>) => onChange(e.target.value) : undefined;
  return (
    <Field label={label} path={path} hint={hint}>
      <select name={name} value={value} defaultValue={defaultValue} onChange={change} required={required}>
        {empty === undefined ? null : <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Options from a list of values, labelled by `label` (the value itself when the label map has no entry). */
export function optionsOf(values: readonly string[], label: (value: string) => string = (v) => v): Option[] {
  return values.map((value) => ({ value, label: label(value) }));
}
