import { describe, expect, it } from 'vitest';
import { hashFacilitatorPin, verifyFacilitatorPin } from './pin';

describe('facilitator PIN', () => {
  const stored = hashFacilitatorPin('246810', 1024);

  it('verifies the right PIN and no other', () => {
    expect(verifyFacilitatorPin('246810', stored)).toBe(true);
    expect(verifyFacilitatorPin('246811', stored)).toBe(false);
    expect(verifyFacilitatorPin('', stored)).toBe(false);
    expect(verifyFacilitatorPin('2468100', stored)).toBe(false);
  });

  it('salts every hash', () => {
    expect(hashFacilitatorPin('246810', 1024).hash).not.toBe(stored.hash);
  });

  it('refuses PINs that are too short or not digits, and damaged hashes', () => {
    expect(() => hashFacilitatorPin('1234')).toThrow('6 to 10 digits');
    expect(() => hashFacilitatorPin('abcdef')).toThrow('6 to 10 digits');
    expect(verifyFacilitatorPin('246810', { ...stored, salt: '!!' })).toBe(false);
  });
});
