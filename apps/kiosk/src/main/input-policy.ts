/** The parts of Electron's `Input` (before-input-event) the policy looks at. */
export interface KeyInput {
  type: string;
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

const FUNCTION_KEYS = new Set([
  'F5',
  'F11',
  'F12',
  'BrowserRefresh',
  'BrowserBack',
  'BrowserForward',
  'BrowserHome',
]);
const WITH_CONTROL = new Set([
  'r',
  'w',
  'q',
  'n',
  't',
  'p',
  'o',
  's',
  'l',
  'u',
  'f',
  'h',
  'j',
  '+',
  '-',
  '=',
  '0',
  'Tab',
]);
const WITH_CONTROL_SHIFT = new Set(['i', 'j', 'c', 'r', 'delete', 'n', 't', 'w', 'q']);

/**
 * Whether the kiosk window must swallow a key before Chromium acts on it. On Linux `kiosk: true` is only full
 * screen, so reload, dev tools, zoom, new windows, printing dialogs, find, close and quit keys are stopped here.
 * Typing (letters, digits, Enter: a USB scanner types too) always goes through.
 */
export function shouldSwallowKey(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (FUNCTION_KEYS.has(input.key)) return true;
  if (input.alt && (key === 'F4' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home'))
    return true;
  const command = input.control || input.meta;
  if (command && input.shift && WITH_CONTROL_SHIFT.has(key.toLowerCase())) return true;
  if (command && WITH_CONTROL.has(key)) return true;
  return false;
}
