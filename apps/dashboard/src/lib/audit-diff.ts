import { fmtDateTime } from './format';

/** One field an audited action changed, its values as text. */
export interface AuditChange {
  /** the field's path in the recorded state, dotted for nested objects (`schedule.from`) */
  field: string;
  /** '–' when the field was absent (a creation) */
  before: string;
  /** '–' when the field is gone (a removal) */
  after: string;
}

type Flat = Map<string, unknown>;

/** Plain objects spread into dotted paths; arrays and values stay whole (an array is one value to a reader). */
function flatten(value: unknown, prefix: string, into: Flat): Flat {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix) into.set(prefix, value);
  return into;
}

/**
 * A recorded value as a coordinator reads it: text as is, yes/no for booleans, lists joined by commas, '–' for
 * nothing. `name` lets the caller say it better (a hub's name for its id).
 */
export function auditValue(value: unknown, name: (value: string) => string = (v) => v): string {
  if (value === undefined || value === null || value === '') return '–';
  if (typeof value === 'boolean') return value ? 'sì' : 'no';
  if (typeof value === 'string') return name(value);
  if (Array.isArray(value))
    return value.length === 0 ? '–' : value.map((v) => auditValue(v, name)).join(', ');
  if (typeof value === 'object') return objectText(value as Record<string, unknown>, name);
  return String(value);
}

const WEEKDAY = ['dom', 'lun', 'mar', 'mer', 'gio', 'ven', 'sab'];

/**
 * An object inside a list (an opening interval, a closure, a facilitator) as words, not JSON: an opening interval
 * `{day, open, close}` as "lun 09:00–13:00", anything else as its values in order.
 */
function objectText(value: Record<string, unknown>, name: (value: string) => string): string {
  const { day, open, close } = value;
  if (typeof day === 'number' && typeof open === 'string' && typeof close === 'string')
    return `${WEEKDAY[day] ?? day} ${open}–${close}`;
  return Object.values(value)
    .map((v) => auditValue(v, name))
    .filter((v) => v !== '–')
    .join(' ');
}

/**
 * A moment recorded as epoch milliseconds (fields named `…At`, the house's convention: expiresAt, updatedAt) as
 * a date and time in Rome, as people read it; any other value as it is.
 */
function asMoment(field: string, value: unknown): unknown {
  return typeof value === 'number' && /At$/.test(field) ? fmtDateTime(value) : value;
}

/**
 * What an audit entry changed, field by field, in the order the state lists them: for an edit the fields whose
 * value reads differently, for a creation every field `after` gives a value, for a removal every field `before`
 * had a value. A state that is not an object (rare) is one field named 'valore'. `name` renders id values (see
 * auditValue).
 */
export function auditChanges(
  before: unknown,
  after: unknown,
  name?: (value: string) => string,
): AuditChange[] {
  const wrap = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : { valore: v });
  const b = before === null || before === undefined ? new Map() : flatten(wrap(before), '', new Map());
  const a = after === null || after === undefined ? new Map() : flatten(wrap(after), '', new Map());
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  // Compared as read: an absent field and a null one are the same "nothing" to a reader.
  return fields
    .map((field) => ({
      field,
      before: auditValue(asMoment(field, b.get(field)), name),
      after: auditValue(asMoment(field, a.get(field)), name),
    }))
    .filter((c) => c.before !== c.after);
}
