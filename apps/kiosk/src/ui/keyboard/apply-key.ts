/**
 * What a key of the on-screen keyboard does to a field's text: a pure step, so every keyboard and field agree.
 * Keys are simple-keyboard's button names: `{bksp}` removes the last character (a whole grapheme is not needed:
 * every key types whole characters and `لا` is removed as its two letters), `{space}` types a space, other
 * function keys (`{shift}`, …) change nothing, any other key types its text. Text beyond `maxLength` characters
 * (UTF-16 units, as the input's own maxLength counts) is not added: the key changes nothing.
 */
export function applyKey(value: string, key: string, maxLength = Number.POSITIVE_INFINITY): string {
  if (key === '{bksp}') return value.slice(0, -1);
  const typed = key === '{space}' ? ' ' : key.startsWith('{') && key.endsWith('}') ? '' : key;
  const next = value + typed;
  return next.length > maxLength ? value : next;
}
