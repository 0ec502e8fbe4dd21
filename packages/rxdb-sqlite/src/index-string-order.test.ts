/**
 * toSqliteOrder() must keep JavaScript's string order once SQLite compares the strings as UTF-8 bytes:
 * checked with random strings over the characters where the two orders differ, by sorting the same strings
 * in JavaScript and in SQLite.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSqliteOrder } from './index-string-order.ts';

const tricky = fc.constantFrom(
  '\u0000',
  ' ',
  'a',
  'z',
  'é',
  '\uD7FE',
  '\uD7FF',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\uE000',
  '\uFFFD',
  '\uFFFF',
  '😀',
  '𝄞',
);
const trickyString = fc.array(tricky, { maxLength: 6 }).map((parts) => parts.join(''));

describe('toSqliteOrder()', () => {
  it('leaves strings without characters from U+D7FF up untouched', () => {
    expect(toSqliteOrder('hub-01 0001234 é')).toBe('hub-01 0001234 é');
  });

  it('keeps the JavaScript order of any strings when SQLite sorts them', () => {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE t (pos INTEGER, s TEXT)');
      const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
      const sorted = db.prepare('SELECT pos FROM t ORDER BY s, pos').pluck();
      fc.assert(
        fc.property(
          fc.array(fc.oneof(trickyString, fc.string()), { minLength: 2, maxLength: 30 }),
          (strings) => {
            db.exec('DELETE FROM t');
            strings.forEach((s, pos) => {
              insert.run(pos, toSqliteOrder(s));
            });
            const bySqlite = (sorted.all() as number[]).map((pos) => strings[pos]);
            const byJs = [...strings].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
            expect(bySqlite).toEqual(byJs);
          },
        ),
        { numRuns: 300 },
      );
    } finally {
      db.close();
    }
  });

  it('never outputs a character SQLite would have to re-encode (surrogates)', () => {
    fc.assert(
      fc.property(trickyString, (s) => {
        expect(/[\uD800-\uDFFF]/.test(toSqliteOrder(s))).toBe(false);
      }),
    );
  });
});
