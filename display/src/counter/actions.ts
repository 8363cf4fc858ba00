import type { StringKey } from '../i18n.ts';

/** The counter console's one-key actions and their shortcuts (shown on the buttons). */
export type CounterActionId =
  'call' | 'recall' | 'start' | 'noShow' | 'transfer' | 'complete' | 'pause' | 'close';

export interface CounterActionDef {
  id: CounterActionId;
  label: StringKey;
  /** As printed on the key cap; empty for actions without a shortcut. */
  keys: string;
  ariaKeys?: string;
}

export const COUNTER_ACTIONS: readonly CounterActionDef[] = [
  { id: 'call', label: 'actCall', keys: 'F1 / Spasi', ariaKeys: 'F1 Space' },
  { id: 'recall', label: 'actRecall', keys: 'R', ariaKeys: 'R' },
  { id: 'start', label: 'actStart', keys: 'S', ariaKeys: 'S' },
  { id: 'noShow', label: 'actNoShow', keys: 'N', ariaKeys: 'N' },
  { id: 'transfer', label: 'actTransfer', keys: 'T', ariaKeys: 'T' },
  { id: 'complete', label: 'actComplete', keys: 'C', ariaKeys: 'C' },
  { id: 'pause', label: 'actPause', keys: 'P', ariaKeys: 'P' },
  // Closing has no shortcut on purpose: a stray key must not close a counter with a queue.
  { id: 'close', label: 'actClose', keys: '' },
];

const KEYMAP: Record<string, CounterActionId> = {
  F1: 'call',
  ' ': 'call',
  r: 'recall',
  s: 'start',
  n: 'noShow',
  t: 'transfer',
  c: 'complete',
  p: 'pause',
};

/** The action a key press asks for, or null (modifier chords are left to the browser). */
export function actionForKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'repeat'>,
): CounterActionId | null {
  if (e.ctrlKey || e.altKey || e.metaKey || e.repeat) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return KEYMAP[key] ?? null;
}
