import { localToInstant, type Booking, type OfficeConfig } from '@giliran/shared';
import { loadOfficeConfig } from '../config.ts';
import type { EngineContext, Outcome } from './engine.ts';
import { applyChanges, emptyState, type QueueState } from './state.ts';

/** A pure engine harness for unit tests: a day, a clock in office-local time, no database. */
export class EngineHarness {
  state: QueueState;
  now: number;
  private n = 0;

  constructor(
    readonly day = '2026-11-28',
    time = '08:00',
    /** The office configuration; the Denpasar file unless a test brings its own. */
    readonly config: OfficeConfig = loadOfficeConfig(),
  ) {
    this.state = emptyState(day, this.config);
    this.now = this.at(time);
  }

  at(time: string): number {
    return localToInstant(this.day, time, this.config.office.timeZone);
  }

  setTime(time: string): void {
    this.now = this.at(time);
  }

  advanceMinutes(m: number): void {
    this.now += m * 60_000;
  }

  ctx(actor = 'test'): EngineContext {
    return {
      config: this.config,
      now: this.now,
      actor,
      newId: () => `id${++this.n}`,
      newTrackToken: () => `tok${++this.n}`,
    };
  }

  /** Runs a command and applies its changes, as the store would after a commit. */
  run<R>(command: (s: QueueState, ctx: EngineContext) => Outcome<R>): R {
    const { changes, result } = command(this.state, this.ctx());
    applyChanges(this.state, changes);
    return result;
  }

  booking(over: Partial<Booking> = {}): Booking {
    return {
      code: `MP${String(++this.n).padStart(6, '0')}`,
      maskedNik: '5171********0001',
      fullName: 'Ni Luh Ariani',
      birthDate: '1990-08-05',
      applicationType: 'baru',
      officeCode: this.config.office.code,
      arrivalDate: this.day,
      windowStart: '08:00',
      windowEnd: '09:00',
      paymentStatus: 'paid',
      accountId: `ACC${this.n}`,
      ...over,
    };
  }
}
