import { enrolmentQrText } from '@vigevano/protocol';
import { describe, expect, it } from 'vitest';
import { DAMAGED_ENROLMENT_QR, NOT_AN_ENROLMENT_QR, readEnrolmentQr } from './enrolment-qr';

const CITY = 'https://hub.comune.vigevano.pv.it';

describe('readEnrolmentQr', () => {
  it('reads the QR the dashboard shows: server, code and the origin to show staff', () => {
    expect(readEnrolmentQr(enrolmentQrText(CITY, '7K3M-Q9TX-2B4H'), '')).toEqual({
      kind: 'enrolment',
      serverUrl: CITY,
      code: '7K3M-Q9TX-2B4H',
      serverOrigin: CITY,
    });
  });

  it('accepts a QR for the server already typed, whatever its trailing slash or path', () => {
    const reading = readEnrolmentQr(enrolmentQrText(CITY, '7K3M-Q9TX-2B4H'), ` ${CITY}/ `);
    expect(reading.kind).toBe('enrolment');
  });

  it('refuses a visitor card or any other QR', () => {
    expect(readEnrolmentQr('v1.eyJjYXJkIjoiMDEifQ.sig', '')).toEqual({
      kind: 'refused',
      message: NOT_AN_ENROLMENT_QR,
    });
    expect(readEnrolmentQr('https://example.org/', '')).toEqual({
      kind: 'refused',
      message: NOT_AN_ENROLMENT_QR,
    });
  });

  it('refuses an enrolment QR whose contents break the schema', () => {
    for (const text of [
      enrolmentQrText('javascript:alert(1)', '7K3M-Q9TX-2B4H'),
      enrolmentQrText('ftp://hub.comune.vigevano.pv.it', '7K3M-Q9TX-2B4H'),
      enrolmentQrText(`${CITY}/${'x'.repeat(200)}`, '7K3M-Q9TX-2B4H'),
      enrolmentQrText(CITY, '7K3M-Q9TX-2B4I'),
      enrolmentQrText(CITY, '7K3MQ9TX2B4H'),
      `${enrolmentQrText(CITY, '7K3M-Q9TX-2B4H')}%E0%A4%A`,
    ])
      expect(readEnrolmentQr(text, ''), text).toEqual({ kind: 'refused', message: DAMAGED_ENROLMENT_QR });
  });

  it('refuses a QR for another server than the one typed, naming both', () => {
    const reading = readEnrolmentQr(enrolmentQrText('https://evil.example', '7K3M-Q9TX-2B4H'), CITY);
    expect(reading).toEqual({ kind: 'refused', message: expect.stringContaining('https://evil.example') });
    expect(reading.kind === 'refused' && reading.message).toContain(CITY);
    expect(readEnrolmentQr(enrolmentQrText(CITY, '7K3M-Q9TX-2B4H'), 'not a url').kind).toBe('refused');
  });
});
