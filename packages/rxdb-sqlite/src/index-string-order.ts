/**
 * RxDB orders index strings the JavaScript way: by UTF-16 code unit. SQLite stores TEXT as UTF-8 and its
 * BINARY collation compares bytes, which is Unicode code point order. The two orders agree for every
 * character below U+D800 and disagree above it: a surrogate pair (an emoji, U+1F600) sorts *before* U+FFFF
 * in JavaScript but *after* it in UTF-8, and RxDB pads upper bounds with U+FFFF (INDEX_MAX). A lone
 * surrogate cannot even be written as UTF-8.
 *
 * So every index string goes through `toSqliteOrder()` before it reaches SQLite. Its output only holds
 * characters below U+D800, whose UTF-8 byte order equals their UTF-16 order, and it keeps the order of its
 * inputs. Strings without a character from U+D7FF up (nearly all) are returned as they are.
 *
 * Mapping of one UTF-16 code unit `u`:
 *   u <  0xD7FF  ->  u                       (one character)
 *   u >= 0xD7FF  ->  0xD7FF, (u - 0xD7FF)    (two characters; the second is 0x0000 … 0x2800)
 * Single characters are all below 0xD7FF, every pair starts with 0xD7FF, and pairs compare by their second
 * character, which grows with `u`: token order equals code unit order, hence string order is kept.
 */
const NEEDS_ESCAPE = /[\uD7FF-\uFFFF]/;
const ESCAPE = 0xd7ff;

export function toSqliteOrder(indexString: string): string {
  if (!NEEDS_ESCAPE.test(indexString)) {
    return indexString;
  }
  let out = '';
  for (let i = 0; i < indexString.length; i++) {
    const unit = indexString.charCodeAt(i);
    if (unit < ESCAPE) {
      out += indexString[i];
    } else {
      out += String.fromCharCode(ESCAPE, unit - ESCAPE);
    }
  }
  return out;
}
