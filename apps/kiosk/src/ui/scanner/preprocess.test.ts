import { describe, expect, it } from 'vitest';
import { grayFrame } from './gray-frame';
import {
  boxBlur,
  cropFrame,
  invertFrame,
  limitSize,
  padFrame,
  scaleFrame,
  sharpen,
  stretchContrast,
} from './preprocess';

const ramp = grayFrame(4, 2, new Uint8Array([10, 20, 30, 40, 50, 60, 70, 80]));

describe('preprocessing', () => {
  it('pads with a white quiet zone and keeps the image in the middle', () => {
    const padded = padFrame(ramp, 0.5);
    expect(padded.width).toBe(4 + 2 * 4);
    expect(padded.data[0]).toBe(255);
    expect(padded.data[4 * padded.width + 4]).toBe(10);
    expect(padded.data[5 * padded.width + 7]).toBe(80);
  });

  it('scales bilinearly, both ways', () => {
    const up = scaleFrame(ramp, 2);
    expect([up.width, up.height]).toEqual([8, 4]);
    expect(up.data[0]).toBe(10);
    expect(up.data[up.data.length - 1]).toBe(80);
    const down = scaleFrame(grayFrame(4, 4, new Uint8Array(16).fill(77)), 0.5);
    expect([...down.data]).toEqual([77, 77, 77, 77]);
    expect(() => scaleFrame(ramp, 0)).toThrow(RangeError);
  });

  it('box-blurs to the mean and keeps flat areas flat', () => {
    const dot = grayFrame(3, 3, new Uint8Array([0, 0, 0, 0, 90, 0, 0, 0, 0]));
    expect(boxBlur(dot, 1).data[4]).toBe(10);
    expect([...boxBlur(grayFrame(5, 5, new Uint8Array(25).fill(128)), 2).data].every((v) => v === 128)).toBe(
      true,
    );
  });

  it('stretches a narrow band of grey onto the full range', () => {
    const dim = grayFrame(
      100,
      1,
      new Uint8Array(100).map((_, i) => 40 + Math.floor(i / 5)),
    );
    const stretched = stretchContrast(dim);
    expect(Math.min(...stretched.data)).toBe(0);
    expect(Math.max(...stretched.data)).toBe(255);
    expect([...stretchContrast(grayFrame(2, 1, new Uint8Array([9, 9]))).data]).toEqual([128, 128]);
  });

  it('inverts, crops and sharpens', () => {
    expect([...invertFrame(ramp).data]).toEqual([245, 235, 225, 215, 205, 195, 185, 175]);
    expect(cropFrame(ramp, { x: 1, y: 1, width: 2, height: 5 })).toEqual({
      width: 2,
      height: 1,
      data: new Uint8Array([60, 70]),
    });
    expect(() => cropFrame(ramp, { x: 10, y: 0, width: 2, height: 2 })).toThrow(RangeError);
    const edge = grayFrame(4, 1, new Uint8Array([50, 50, 200, 200]));
    const sharp = sharpen(edge, 1, 1);
    expect(sharp.data[1]).toBeLessThan(50);
    expect(sharp.data[2]).toBeGreaterThan(200);
  });

  it('limits the size of large frames only', () => {
    expect(limitSize(ramp, 10)).toBe(ramp);
    const big = limitSize(grayFrame(1600, 800, new Uint8Array(1600 * 800).fill(5)), 800);
    expect([big.width, big.height]).toEqual([800, 400]);
    expect(big.data[1234]).toBe(5);
  });
});
