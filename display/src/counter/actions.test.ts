import { describe, expect, it } from 'vitest';
import { COUNTER_ACTIONS, actionForKey } from './actions.ts';

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey' | 'repeat', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  repeat: false,
  ...mods,
});

describe('counter shortcuts', () => {
  it.each([
    ['F1', 'call'],
    [' ', 'call'],
    ['r', 'recall'],
    ['R', 'recall'],
    ['s', 'start'],
    ['n', 'noShow'],
    ['t', 'transfer'],
    ['c', 'complete'],
    ['p', 'pause'],
  ])('%j → %s', (k, action) => {
    expect(actionForKey(key(k))).toBe(action);
  });

  it('ignores other keys, chords and auto-repeat (a held key must not call twice)', () => {
    expect(actionForKey(key('x'))).toBeNull();
    expect(actionForKey(key('Enter'))).toBeNull();
    expect(actionForKey(key('c', { ctrlKey: true }))).toBeNull();
    expect(actionForKey(key('r', { metaKey: true }))).toBeNull();
    expect(actionForKey(key(' ', { repeat: true }))).toBeNull();
  });

  it('shows a shortcut on every button except close', () => {
    for (const a of COUNTER_ACTIONS) expect(a.keys === '', a.id).toBe(a.id === 'close');
  });
});
