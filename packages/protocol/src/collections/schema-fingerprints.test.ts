import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, type CollectionName, collections } from './registry';

// A guard, not a test of behaviour: RxDB stores the hash of each collection's schema with its version, and a kiosk
// whose stored hash differs from the schema it opens with refuses to start (RxDB error DB6). So a schema's JSON may
// only change together with its version (and a migration strategy on kiosks). RxDB hashes the schema with its keys
// sorted at every level and arrays in order (normalizeRxJsonSchema in rxdb/src/rx-schema-helper.ts); the
// fingerprint below is the SHA-256 of the same canonical form, so a change of key order alone does not count.

/**
 * The fingerprint of each collection's schema, by version. Add one when a version is bumped; never edit one. These
 * were taken from the hand-written JSON schemas that the TypeBox ones replaced (commit 1adf2ae): the rewrite
 * changed no schema that kiosks hold.
 */
const RECORDED: Record<CollectionName, Record<number, string>> = {
  hubs: {
    0: 'a68a12c3098ed7a39788d155f5a6a612ebee9fb2c0c7e56441e0a0a4619976e5',
    1: '643e1e61ea7ef08e152ceb66a2a93b1d16f547296ace950ac4c0123d7d323bcc',
  },
  devices: {
    0: 'f3173e6a58737a79340f155b8abfd92ebe3d48fdf027d3aeaebaeb1ef1f4e15e',
    1: 'b8d89ffae26b94da26717662cda31f858eb2809312961dc9613c9261a1093d25',
  },
  cards: { 1: '804f4bc15c4639d608f254305a9e4822a77a5b01c79c624209087d1888b7f32e' },
  checkins: { 0: 'd018db51424e7cd6dbc1fc4ff372f068aba24d6617cf7fceece32cb921fd77bb' },
  sessions: {
    0: 'ea9b1423a77c2ebedf15895c1482e17cdceaa7c24f6a33bf3b3bddcbc92ad0c5',
    1: 'dbf2f38f7bd20ab38872d6067cabb57cfe876030a6feae474cf43416a79e4289',
  },
  enrolments: {
    0: '37b020a77340a135f3c36b044a6a5321c4f45de9772bc33728e231f79a2f7ef8',
    1: '0b6670942ad540a9ccfb1ce58c5103449e2daef7e7e3d18dc18ea8bad7991bac',
  },
  content: {
    0: '8ea0a168690ce6f215e3cfc6915b82174300ef02f248a3fabe3fae2bc5a87259',
    1: '058c844ab81356aa3c88cfaf65eca8a140c3b056bbe58cae9c35974609005124',
  },
  card_keys: { 0: 'f7868868a8996cc0442258a317a30d2442eca9469aa61a256579a3e63ae928bc' },
  plays: { 0: 'f99209a434d546ccbc03b0c91aa21b13fc37f574b4df0d6f6ffc5b5556921af6' },
  annulments: { 0: '6d7ad9273a8e9dda3065097e8d8709561295f972e7ebb770323e25b565ab5628' },
  refusals: { 0: '7b78b183ace904385d255754c1042fb21afd1a823f7b19267e411bf5e1e741f8' },
  notices: { 0: '31fca073da1005c3c941c3c14c205a7987ae01404a7d45c663306e659e70dda8' },
};

/** `value` with the keys of every object sorted, as RxDB normalizes a schema before hashing it. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.keys(value)
    .sort((a, b) => a.localeCompare(b))
    .map((key) => [key, canonical((value as Record<string, unknown>)[key])]);
  return Object.fromEntries(entries);
}

const fingerprint = (schema: unknown): string =>
  bytesToHex(sha256(new TextEncoder().encode(JSON.stringify(canonical(schema)))));

describe('collection schemas', () => {
  it.each(COLLECTION_NAMES)('keep the JSON of %s as recorded for its version', (name) => {
    const { schema } = collections[name];
    const now = fingerprint(schema);
    const recorded = RECORDED[name][schema.version];
    expect(recorded, `record version ${schema.version} of ${name}: ${now}`).toBeDefined();
    expect(
      now,
      `the schema of ${name} changed but its version is still ${schema.version}: bump the version, give kiosks a migration strategy, then record the new version's fingerprint`,
    ).toBe(recorded);
  });

  it('fingerprints what RxDB hashes: a changed keyword counts, a changed key order does not', () => {
    const hubs = JSON.parse(JSON.stringify(collections.hubs.schema)) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(hubs).reverse());
    expect(fingerprint(reordered)).toBe(fingerprint(hubs));
    const required = hubs.required as string[];
    expect(fingerprint({ ...hubs, required: [...required].reverse() })).not.toBe(fingerprint(hubs));
    expect(fingerprint({ ...hubs, version: 2 })).not.toBe(fingerprint(hubs));
  });
});
