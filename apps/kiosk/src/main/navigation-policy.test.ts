import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, kioskUrlFrom } from './navigation-policy';

describe('navigation policy', () => {
  const origin = 'http://127.0.0.1:4410';

  it('allows the hub service origin, any path', () => {
    expect(isAllowedNavigation('http://127.0.0.1:4410/facilitator?x=1', origin)).toBe(true);
  });

  it.each([
    'http://127.0.0.1:4411/',
    'https://127.0.0.1:4410/',
    'http://localhost:4410/',
    'https://example.org/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'DATA:text/html,x',
    'blob:http://127.0.0.1:4410/0b1c',
    'about:blank',
    'not a url',
    '',
  ])('refuses %s', (target) => {
    expect(isAllowedNavigation(target, origin)).toBe(false);
  });

  it('takes the kiosk URL from KIOSK_URL and refuses remote ones', () => {
    expect(kioskUrlFrom({ KIOSK_URL: 'http://127.0.0.1:5000/' }).port).toBe('5000');
    expect(kioskUrlFrom({}).port).toBe('4410');
    expect(() => kioskUrlFrom({ KIOSK_URL: 'https://evil.example/' })).toThrow(/this machine/);
    expect(() => kioskUrlFrom({ KIOSK_URL: 'file:///tmp/x.html' })).toThrow(/this machine/);
  });
});
