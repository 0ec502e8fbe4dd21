import 'simple-keyboard/build/css/index.css';
import { type CSSProperties, useEffect, useRef } from 'react';
import { SimpleKeyboard as Keyboard } from 'simple-keyboard';
import type { KeyboardLayout } from './layouts';
import styles from './OnScreenKeyboard.module.css';

/** Every key of a layout, in simple-keyboard's form for a button list (names split by spaces). */
function allKeys(layout: KeyboardLayout): string {
  return [...new Set([...layout.default, ...(layout.shift ?? [])].flatMap((row) => row.split(' ')))].join(
    ' ',
  );
}

/** The number of keys in the layout's longest row. */
function columnsOf(layout: KeyboardLayout): number {
  return Math.max(...layout.default.map((row) => row.split(' ').length));
}

/** The accessible names of the function keys, in the language of the screen the keyboard is on. */
export interface KeyLabels {
  /** the keyboard as a whole (a group) */
  keyboard: string;
  bksp: string;
  shift?: string;
  space?: string;
}

/**
 * An on-screen keyboard (simple-keyboard) for a touch-only kiosk: it types nothing itself, it reports each key
 * tapped to `onKey` (simple-keyboard's button name: `A`, `{bksp}`, `{space}`; see apply-key.ts), and the screen
 * applies it to its own controlled input. So a physical keyboard and the USB scanner (a keyboard wedge) keep
 * working on the same input, and no second copy of the text lives in the keyboard.
 * `{shift}` is handled here: one tap shifts the next key only, as on a phone.
 * Keys are real buttons (48 × 48 CSS px at least, spaced) that never take the focus from the input.
 */
export function OnScreenKeyboard({
  layout,
  onKey,
  labels,
  wide,
}: {
  layout: KeyboardLayout;
  onKey: (key: string) => void;
  labels: KeyLabels;
  /** keys as wide as the screen allows (a full keyboard) instead of a compact square pad */
  wide?: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const keyboard = useRef<Keyboard | null>(null);
  // simple-keyboard keeps the callback it was given: read the latest one through a ref.
  const latestOnKey = useRef(onKey);
  latestOnKey.current = onKey;

  useEffect(() => {
    if (!host.current) return;
    const instance = new Keyboard(host.current, {
      theme: `hg-theme-default ${styles.keyboard}`,
      useButtonTag: true,
      // A tap on a key must leave the focus (and the caret) in the field being typed in.
      preventMouseDownDefault: true,
      // A finger resting on a key must not type it again and again (a visitor's code would fill with one symbol).
      disableButtonHold: true,
      // Candidates are for Chinese input methods; names here are typed letter by letter.
      enableLayoutCandidates: false,
      onKeyPress: (button: string) => {
        if (button === '{shift}') {
          const shifted = instance.options.layoutName === 'shift';
          instance.setOptions({ layoutName: shifted ? 'default' : 'shift' });
          return;
        }
        if (instance.options.layoutName === 'shift') instance.setOptions({ layoutName: 'default' });
        latestOnKey.current(button);
      },
    });
    keyboard.current = instance;
    return () => {
      instance.destroy();
      keyboard.current = null;
    };
  }, []);

  useEffect(() => {
    keyboard.current?.setOptions({
      layout: { default: layout.default, ...(layout.shift ? { shift: layout.shift } : {}) },
      layoutName: 'default',
      display: { '{bksp}': '⌫', '{shift}': '⇧', '{space}': labels.space ?? ' ' },
      buttonAttributes: [
        // Keys sit inside forms: as plain buttons, not the submit buttons a <button> is by default there.
        { attribute: 'type', value: 'button', buttons: allKeys(layout) },
        { attribute: 'aria-label', value: labels.bksp, buttons: '{bksp}' },
        ...(labels.shift ? [{ attribute: 'aria-label', value: labels.shift, buttons: '{shift}' }] : []),
        ...(labels.space ? [{ attribute: 'aria-label', value: labels.space, buttons: '{space}' }] : []),
      ],
      buttonTheme: [{ class: styles.functionKey as string, buttons: '{bksp} {shift} {space}' }],
    });
  }, [layout, labels]);

  return (
    <fieldset
      aria-label={labels.keyboard}
      // Keys sit where they sit on a physical keyboard of the script, also in a right-to-left page.
      dir="ltr"
      className={wide ? styles.wide : styles.pad}
      style={{ '--columns': columnsOf(layout) } as CSSProperties}
    >
      <div ref={host} className="simple-keyboard" />
    </fieldset>
  );
}
