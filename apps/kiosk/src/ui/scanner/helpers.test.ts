import { describe, expect, it } from 'vitest';
import en from '../../../../../resources/translations/en.json';
import { type CameraMessageKey, cameraErrorMessage } from './camera-errors';
import { FrameThrottle } from './frame-throttle';
import { grayFrame, grayToRgba, rgbaToGray } from './gray-frame';
import { applyHomography, homographyFromPoints, invertHomography } from './homography';
import { ScanDedupe } from './scan-dedupe';
import { decodeSize, scanRegion } from './scan-region';

describe('scanRegion', () => {
  it('is a centred square, a fraction of the shorter side', () => {
    expect(scanRegion(640, 480, 0.7)).toEqual({ x: 152, y: 72, width: 336, height: 336 });
    expect(scanRegion(480, 640, 0.5)).toEqual({ x: 120, y: 200, width: 240, height: 240 });
    expect(scanRegion(1280, 720, 1)).toEqual({ x: 280, y: 0, width: 720, height: 720 });
  });

  it('refuses a video with no size and fractions out of range', () => {
    expect(() => scanRegion(0, 480, 0.5)).toThrow(RangeError);
    expect(() => scanRegion(640, 480, 0)).toThrow(RangeError);
    expect(() => scanRegion(640, 480, 1.2)).toThrow(RangeError);
  });

  it('shrinks large crops for the decoder, never enlarges small ones', () => {
    expect(decodeSize({ x: 0, y: 0, width: 720, height: 720 }, 480)).toEqual({ width: 480, height: 480 });
    expect(decodeSize({ x: 0, y: 0, width: 336, height: 336 }, 480)).toEqual({ width: 336, height: 336 });
  });
});

describe('FrameThrottle', () => {
  it('sends at most one frame per interval, and none while one is being decoded', () => {
    const throttle = new FrameThrottle(100);
    expect(throttle.ready(0)).toBe(true);
    throttle.sent(0);
    expect(throttle.busy).toBe(true);
    expect(throttle.ready(500)).toBe(false); // still decoding: frames do not queue up
    throttle.done();
    expect(throttle.ready(50)).toBe(false); // answered quickly, but the interval is not over
    expect(throttle.ready(100)).toBe(true);
    throttle.sent(100);
    throttle.done();
    expect(throttle.ready(199)).toBe(false);
    expect(throttle.ready(200)).toBe(true);
  });

  it('refuses a negative interval', () => {
    expect(() => new FrameThrottle(-1)).toThrow(RangeError);
  });
});

describe('ScanDedupe', () => {
  it('reports a card held in front of the camera once', () => {
    const dedupe = new ScanDedupe(2000);
    const reported = [0, 100, 250, 400, 1500, 3000, 4400].filter((t) => dedupe.accept('card-A', t));
    expect(reported).toEqual([0]);
  });

  it('reports the same card again after it was out of sight long enough', () => {
    const dedupe = new ScanDedupe(2000);
    expect(dedupe.accept('card-A', 0)).toBe(true);
    expect(dedupe.accept('card-A', 1000)).toBe(false);
    expect(dedupe.accept('card-A', 3100)).toBe(true);
  });

  it('reports a different card at once, and the first one again after it', () => {
    const dedupe = new ScanDedupe(2000);
    expect(dedupe.accept('card-A', 0)).toBe(true);
    expect(dedupe.accept('card-B', 100)).toBe(true);
    expect(dedupe.accept('card-A', 200)).toBe(true);
  });

  it('never reports a card held still through its answer and after it, however long it stays', () => {
    const dedupe = new ScanDedupe(2000);
    expect(dedupe.accept('card-A', 0)).toBe(true);
    dedupe.hold('card-A');
    // The answer is on screen for 5 s: a USB re-read or a late frame is not a new scan.
    expect(dedupe.accept('card-A', 4000)).toBe(false);
    dedupe.release('card-A', 5000);
    dedupe.reset(); // the idle screen's camera starts again
    // Frames every 100 ms for a minute after the answer closed (the first 82 ms after it).
    const reads = Array.from({ length: 600 }, (_, i) => 5082 + i * 100);
    expect(reads.filter((t) => dedupe.accept('card-A', t))).toEqual([]);
  });

  it('reports an answered card again once it was out of sight for the cool-down after its answer', () => {
    const dedupe = new ScanDedupe(2000);
    dedupe.accept('card-A', 0);
    dedupe.hold('card-A');
    dedupe.release('card-A', 5000);
    expect(dedupe.accept('card-A', 6500)).toBe(false);
    expect(dedupe.accept('card-A', 8600)).toBe(true);
    // Another card is never held back by the first one's cool-down.
    dedupe.hold('card-A');
    expect(dedupe.accept('card-B', 8700)).toBe(true);
  });

  it('forgets the last card on reset (next visitor)', () => {
    const dedupe = new ScanDedupe(2000);
    dedupe.accept('card-A', 0);
    dedupe.reset();
    expect(dedupe.accept('card-A', 10)).toBe(true);
  });
});

describe('gray frames', () => {
  it('converts RGBA to luminance with ZXing weights and back', () => {
    const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255]);
    const gray = rgbaToGray(rgba, 2, 2);
    expect([...gray.data]).toEqual([255, 0, 76, 149]);
    expect([...grayToRgba(gray).subarray(0, 8)]).toEqual([255, 255, 255, 255, 0, 0, 0, 255]);
  });

  it('refuses buffers of the wrong size', () => {
    expect(() => rgbaToGray(new Uint8ClampedArray(15), 2, 2)).toThrow(/needs 16 bytes/);
    expect(() => grayFrame(2, 2, new Uint8Array(3))).toThrow(/needs 4 bytes/);
    expect(() => grayFrame(0, 2)).toThrow(RangeError);
  });
});

describe('cameraErrorMessage', () => {
  it('says in Italian what happened and what still works', () => {
    const denied = cameraErrorMessage(new DOMException('denied', 'NotAllowedError'));
    expect(denied).toMatch(/permesso/i);
    expect(denied).toMatch(/lettore di codici o digitare il codice/);
    expect(cameraErrorMessage(new DOMException('none', 'NotFoundError'))).toMatch(/Nessuna fotocamera/);
    expect(cameraErrorMessage(new DOMException('busy', 'NotReadableError'))).toMatch(/occupata/);
    expect(cameraErrorMessage('weird')).toMatch(/non si è avviata/);
  });

  it("says it in the visitor's language when given its translations", () => {
    const english = (key: CameraMessageKey) => en.ui[key];
    expect(cameraErrorMessage(new DOMException('denied', 'NotAllowedError'), english)).toBe(
      `${en.ui.cameraDenied} ${en.ui.cameraFallback}`,
    );
    expect(cameraErrorMessage(new DOMException('none', 'NotFoundError'), english)).toMatch(/No camera found/);
  });
});

describe('homography (test images)', () => {
  it('maps the four points and inverts', () => {
    const from = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 5 },
      { x: 0, y: 5 },
    ];
    const to = [
      { x: 100, y: 120 },
      { x: 300, y: 90 },
      { x: 320, y: 260 },
      { x: 90, y: 240 },
    ];
    const h = homographyFromPoints(from, to);
    const back = invertHomography(h);
    for (let i = 0; i < 4; i += 1) {
      const p = applyHomography(h, from[i]?.x ?? 0, from[i]?.y ?? 0);
      expect(p.x).toBeCloseTo(to[i]?.x ?? 0, 6);
      expect(p.y).toBeCloseTo(to[i]?.y ?? 0, 6);
      const q = applyHomography(back, p.x, p.y);
      expect(q.x).toBeCloseTo(from[i]?.x ?? 0, 6);
    }
  });
});
