import { localToInstant } from '@giliran/shared';

/** Time source. Rules never call `Date.now()`; the server passes `clock.now()` in. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that starts at an office-local moment (`2026-11-28T09:00`) and then runs at real speed:
 * lets the demo and the end-to-end tests stand inside a booked window at any hour of the day.
 */
export function clockStartingAt(localDateTime: string, timeZone: string): Clock {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(localDateTime);
  if (!m) throw new Error(`GILIRAN_CLOCK_START must look like 2026-11-28T09:00, got "${localDateTime}"`);
  const offset = localToInstant(m[1] as string, m[2] as string, timeZone) - Date.now();
  return { now: () => Date.now() + offset };
}

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(instant: number): void {
    this.current = instant;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
