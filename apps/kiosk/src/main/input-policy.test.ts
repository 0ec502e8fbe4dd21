import { describe, expect, it } from 'vitest';
import { type KeyInput, shouldSwallowKey } from './input-policy';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

describe('kiosk key policy', () => {
  it.each([
    ['F5 (reload)', key('F5')],
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['F12 (dev tools)', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Cmd+Alt style Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['Ctrl++ (zoom)', key('+', { control: true })],
    ['Ctrl+- (zoom)', key('-', { control: true })],
    ['Ctrl+0 (zoom reset)', key('0', { control: true })],
    ['Ctrl+W (close)', key('w', { control: true })],
    ['Ctrl+Q (quit)', key('q', { control: true })],
    ['Alt+F4 (close)', key('F4', { alt: true })],
    ['Alt+Left (back)', key('ArrowLeft', { alt: true })],
    ['Ctrl+P (print dialog)', key('p', { control: true })],
    ['Ctrl+N (new window)', key('n', { control: true })],
    ['F11 (leave full screen)', key('F11')],
  ])('swallows %s', (_name, input) => {
    expect(shouldSwallowKey(input)).toBe(true);
  });

  it.each([
    ['a letter', key('a')],
    ['a capital (USB scanners send Shift+letter)', key('V', { shift: true })],
    ['a digit', key('7')],
    ['a colon (card tokens start VG1:)', key(':', { shift: true })],
    ['Enter (scanners end with it)', key('Enter')],
    ['Backspace', key('Backspace')],
    ['Tab between fields', key('Tab')],
    ['a key release', { ...key('F5'), type: 'keyUp' }],
  ])('lets %s through', (_name, input) => {
    expect(shouldSwallowKey(input)).toBe(false);
  });
});
