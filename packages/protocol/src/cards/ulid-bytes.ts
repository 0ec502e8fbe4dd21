// A ULID is 128 bits written as 26 Crockford base32 characters; a card carries the 16 bytes, not the text.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function ulidToBytes(ulid: string): Uint8Array {
  let n = 0n;
  for (const c of ulid) {
    const v = CROCKFORD.indexOf(c);
    if (v < 0) throw new RangeError(`not a ULID character: ${JSON.stringify(c)}`);
    n = (n << 5n) | BigInt(v);
  }
  if (ulid.length !== 26 || n >> 128n !== 0n) throw new RangeError(`not a ULID: ${JSON.stringify(ulid)}`);
  const out = new Uint8Array(16);
  for (let i = 15; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

export function bytesToUlid(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = CROCKFORD[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}
