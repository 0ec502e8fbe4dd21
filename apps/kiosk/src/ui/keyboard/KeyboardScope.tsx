import {
  createContext,
  type Dispatch,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SetStateAction,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { applyKey } from './apply-key';
import styles from './KeyboardScope.module.css';
import { type KeyboardKind, layoutOf, NAME_KEYBOARDS, type NameKeyboard } from './layouts';
import { type KeyLabels, OnScreenKeyboard } from './OnScreenKeyboard';

/** What the docked keyboard needs of the field it types into. */
interface FieldHandle {
  kind: KeyboardKind;
  /** the name keyboard to start with (a card issued in Arabic: the Arabic one) */
  nameKeyboard: NameKeyboard;
  press: (key: string) => void;
}

interface Scope {
  active: string | null;
  activate: Dispatch<SetStateAction<string | null>>;
  fields: Map<string, FieldHandle>;
}

const KeyboardScopeContext = createContext<Scope | null>(null);

/** The names of the name keyboards, each in its own script, for the switch above a name keyboard. */
const NAME_KEYBOARD_NAMES: Record<NameKeyboard, string> = { it: 'ABC', ar: 'أبجد', uk: 'АБВ' };

/** The staff screens' keyboard, in Italian like those screens. */
const LABELS: KeyLabels = {
  keyboard: 'Tastiera',
  bksp: "Cancella l'ultimo carattere",
  shift: 'Maiuscola',
  space: 'Spazio',
};
const HIDE_LABEL = 'Nascondi la tastiera';
const SCRIPT_LABEL = 'Alfabeto della tastiera';

/**
 * A form screen with several text fields (facilitator mode, kiosk enrolment): one keyboard, docked at the bottom
 * of the screen as wide as the screen, types into whichever {@link TouchField} was touched last. It stays until
 * "hide" or another field; name fields get a switch between the Latin, Arabic and Ukrainian keyboards.
 * Staff-facing: its labels are Italian.
 */
export function KeyboardScope({
  children,
  dockClassName,
}: {
  children: ReactNode;
  /** a class added to the docked keyboard, for a screen that gives it a place of its own in its layout */
  dockClassName?: string;
}) {
  const [active, setActive] = useState<string | null>(null);
  const fields = useRef(new Map<string, FieldHandle>()).current;
  const scope = useMemo(() => ({ active, activate: setActive, fields }), [active, fields]);
  const field = active ? fields.get(active) : undefined;
  return (
    <KeyboardScopeContext.Provider value={scope}>
      {children}
      {field && active ? (
        <Dock key={active} field={field} className={dockClassName} onHide={() => setActive(null)} />
      ) : null}
    </KeyboardScopeContext.Provider>
  );
}

function Dock({
  field,
  className,
  onHide,
}: {
  field: FieldHandle;
  className: string | undefined;
  onHide: () => void;
}) {
  const [script, setScript] = useState<NameKeyboard>(field.nameKeyboard);
  return (
    <section className={className ? `${styles.dock} ${className}` : styles.dock}>
      <div className={styles.dockBar}>
        {field.kind === 'name' ? (
          <fieldset aria-label={SCRIPT_LABEL} className={styles.scripts}>
            {(Object.keys(NAME_KEYBOARDS) as NameKeyboard[]).map((s) => (
              <button
                key={s}
                type="button"
                className={styles.script}
                aria-pressed={s === script}
                onPointerDown={(e) => e.preventDefault()}
                onClick={() => setScript(s)}
              >
                {NAME_KEYBOARD_NAMES[s]}
              </button>
            ))}
          </fieldset>
        ) : (
          <span />
        )}
        <button type="button" className={styles.hide} onClick={onHide}>
          {HIDE_LABEL}
        </button>
      </div>
      <OnScreenKeyboard
        layout={layoutOf(field.kind, script)}
        onKey={field.press}
        labels={LABELS}
        wide={field.kind === 'name' || field.kind === 'url'}
      />
    </section>
  );
}

/**
 * A labelled text field for a touch screen: the label above the input, and the scope's docked keyboard typing
 * into it once it is touched (a physical keyboard types into it as ever). Controlled: `value` and `onChange`.
 * Outside a {@link KeyboardScope} it is a plain labelled input.
 */
export function TouchField({
  label,
  value,
  onChange,
  kind,
  nameKeyboard = 'it',
  maxLength,
  multiline,
  ...input
}: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  kind: KeyboardKind;
  nameKeyboard?: NameKeyboard;
  maxLength?: number;
  /** several lines (notes): a textarea */
  multiline?: boolean;
  ref?: Ref<HTMLInputElement>;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'maxLength'>) {
  const id = useId();
  const scope = useContext(KeyboardScopeContext);
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };
  // One handle per field, kept up to date on every render; the scope holds it while the field is on screen.
  const handle = useRef<FieldHandle>({ kind, nameKeyboard, press: () => undefined }).current;
  handle.kind = kind;
  handle.nameKeyboard = nameKeyboard;
  handle.press = (key: string) => latest.current.onChange(applyKey(latest.current.value, key, maxLength));
  const fields = scope?.fields;
  const release = scope?.activate;
  useEffect(() => {
    fields?.set(id, handle);
    // A field that goes away (a form folded, a screen left) takes its keyboard with it.
    return () => {
      fields?.delete(id);
      release?.((active) => (active === id ? null : active));
    };
  }, [fields, release, id, handle]);
  const activate = (event: { currentTarget: HTMLElement }) => {
    scope?.activate(id);
    const target = event.currentTarget;
    // The docked keyboard covers the lower part of the screen: bring the field to the top, above it, once the
    // keyboard is drawn (the dock's own height below the page leaves room to scroll even the last field up).
    requestAnimationFrame(() => target.scrollIntoView({ block: 'start' }));
  };
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          value={value}
          maxLength={maxLength}
          dir={input.dir}
          onChange={(e) => onChange(e.target.value)}
          onFocus={activate}
          onClick={activate}
        />
      ) : (
        <input
          // The docked keyboard types here: no system keyboard on top of it (a physical one still types).
          inputMode="none"
          {...input}
          id={id}
          value={value}
          maxLength={maxLength}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
          onFocus={activate}
          onClick={activate}
        />
      )}
    </div>
  );
}
