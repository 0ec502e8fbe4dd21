// Base45 (RFC 9285): bytes as text from the 45 characters of a QR code's alphanumeric mode, so a binary token
// fills a QR at 5.5 bits per character instead of 8 (byte mode). Small enough to keep here, and part of the
// card format we specify, so written out rather than pulled in.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUES = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = (bytes[i] as number) * 256 + (bytes[i + 1] as number);
    for (let k = 0; k < 3; k++) {
      out += ALPHABET[n % 45];
      n = Math.floor(n / 45);
    }
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1] as number;
    out += ALPHABET[n % 45] + (ALPHABET[Math.floor(n / 45)] as string);
  }
  return out;
}

/** Decodes Base45; throws a RangeError that names the problem for text that is not valid Base45. */
export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new RangeError(`base45: length ${text.length} is not valid`);
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  const value = (i: number): number => {
    const v = VALUES.get(text[i] as string);
    if (v === undefined) throw new RangeError(`base45: character ${JSON.stringify(text[i])} at ${i}`);
    return v;
  };
  for (let i = 0; i < text.length; i += 3) {
    if (i + 2 < text.length) {
      const n = value(i) + value(i + 1) * 45 + value(i + 2) * 2025;
      if (n > 0xffff) throw new RangeError(`base45: group at ${i} exceeds two bytes`);
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = value(i) + value(i + 1) * 45;
      if (n > 0xff) throw new RangeError(`base45: final group at ${i} exceeds one byte`);
      out[o++] = n;
    }
  }
  return out;
}
