import { randomBytes, randomUUID } from 'node:crypto';
import {
  AppError,
  assessBooking,
  birthDayMonth,
  bookingCodeFromQr,
  checklistFor,
  checkNik,
  isBookingCode,
  maskName,
  officeDay,
  type Booking,
  type CheckinCandidate,
  type OfficeConfig,
  type Ticket,
} from '@giliran/shared';
import type { BookingRepo } from '../bookings/booking-repo.ts';
import type { Clock } from '../clock.ts';
import type { QueueStore } from './queue-store.ts';
import type { BatchWriter } from './queue-writer-client.ts';
import { checkIn, type EngineContext, type Outcome } from '../engine/engine.ts';
import { applyChanges, mergeChanges, type Changes, type QueueState } from '../engine/state.ts';

export type CommitListener = (changes: Changes, state: QueueState) => void;

interface Pending {
  day: string;
  changes: Changes;
  resolve: () => void;
  reject: (e: Error) => void;
}
export type DayListener = (state: QueueState) => void;
/** Reads the queue as stored, to publish what is worked out from it (counters' call order). */
export type SettledListener = (state: QueueState) => void;

/**
 * Under a steady stream of commands memory may never be quite as stored: settled listeners then
 * run at most this late (ms), on memory that may hold commands still being written.
 */
export const SETTLE_AT_MOST_MS = 1_000;

/**
 * Runs engine commands against the durable store: one command → one SQLite transaction → apply to
 * memory → notify listeners (who broadcast). Nothing is broadcast or acknowledged before the commit.
 */
export class QueueService {
  state: QueueState;
  private readonly committed: CommitListener[] = [];
  private readonly dayChanged: DayListener[] = [];
  private readonly settledListeners: SettledListener[] = [];
  /** A batch was committed since settled listeners last ran (since when: performance.now()). */
  private settleDueSince: number | null = null;

  constructor(
    private readonly store: QueueStore,
    readonly bookings: BookingRepo,
    readonly config: OfficeConfig,
    readonly clock: Clock,
    /**
     * Commits batches off the event loop (the queue writer thread); without it a batch is committed
     * on this thread, holding the event loop for the fsync.
     */
    private readonly writer: BatchWriter | null = null,
  ) {
    this.state = store.load(this.today(), config);
  }

  today(): string {
    return officeDay(this.clock.now(), this.config.office.timeZone);
  }

  onCommitted(listener: CommitListener): void {
    this.committed.push(listener);
  }

  onDayChanged(listener: DayListener): void {
    this.dayChanged.push(listener);
  }

  /**
   * Runs `listener` after commits, off their acknowledgement's path and once for any number of
   * batches, when memory holds nothing but what is stored: a command decided after the batch is
   * applied to memory at once but may still be refused when its own batch fails, and a counter must
   * not be shown it meanwhile. (Broadcasts of the batch itself go through `onCommitted`.)
   */
  onSettled(listener: SettledListener): void {
    this.settledListeners.push(listener);
  }

  /** Starts a new office day when the local date has moved on (midnight WITA, not the machine's). */
  ensureDay(): boolean {
    const today = this.today();
    if (today === this.state.day) return false;
    this.state = this.store.load(today, this.config);
    this.notify(this.dayChanged, (l) => l(this.state));
    return true;
  }

  context(actor: string): EngineContext {
    return {
      config: this.config,
      now: this.clock.now(),
      actor,
      newId: () => randomUUID(),
      newTrackToken: () => randomBytes(16).toString('base64url'),
    };
  }

  /**
   * Executes one command durably; resolves only after its changes are committed. A refusal throws
   * at once and changes nothing.
   *
   * Group commit: a command is decided and applied to memory at once (so the next command sees it:
   * two counters never get the same ticket), but its acknowledgement and broadcast wait until the
   * batch of every command from the same event-loop turn is written in ONE transaction. With
   * `synchronous=FULL` a flush costs milliseconds; batching keeps that cost per burst, not per command.
   * If the batch fails to commit, memory is reloaded from the database and every command in it is
   * refused with `storage_unavailable`: nothing unacknowledged is ever shown or kept.
   */
  execute<R>(actor: string, command: (state: QueueState, ctx: EngineContext) => Outcome<R>): Promise<R> {
    this.ensureDay();
    const { changes, result } = command(this.state, this.context(actor));
    applyChanges(this.state, changes);
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ day: this.state.day, changes, resolve: () => resolve(result), reject });
      if (this.pending.length === 1 && !this.writing) setImmediate(() => this.flush());
    });
  }

  private readonly pending: Pending[] = [];
  /** The batch being committed by the writer thread, if any: one at a time, in order. */
  private writing: Promise<void> | null = null;

  /** Resolves once every command executed so far is committed or refused (before closing). */
  async settled(): Promise<void> {
    while (this.writing || this.pending.length) {
      if (!this.writing) this.flush();
      await (this.writing ?? Promise.resolve());
    }
  }

  private flush(): void {
    if (this.writing) return; // the batch in flight flushes what piled up when it is durable
    const batch = this.pending.splice(0);
    if (!batch.length) return;
    if (!this.writer) {
      try {
        this.store.commitBatch(batch);
      } catch (e) {
        this.failed(batch, e as Error);
        return;
      }
      this.committedBatch(batch);
      return;
    }
    // While this batch is written, new commands are decided and applied to memory as usual; they
    // form the next batch, written when this one is durable.
    this.writing = this.writer(batch.map(({ day, changes }) => ({ day, changes }))).then(
      () => {
        this.writing = null;
        this.committedBatch(batch);
        this.flush();
      },
      (e: unknown) => {
        this.writing = null;
        this.failed(batch, e as Error);
      },
    );
  }

  private committedBatch(batch: Pending[]): void {
    // One broadcast per batch, not per command: socket writes, not SQLite, dominate under load.
    const merged = mergeChanges(batch.map((b) => b.changes));
    this.notify(this.committed, (l) => l(merged, this.state));
    for (const b of batch) b.resolve();
    this.settleDueSince ??= performance.now();
    if (this.settledListeners.length) setImmediate(() => this.runSettled());
  }

  /**
   * Settled listeners, once for every commit since they last ran, if memory is as stored now (else
   * the next commit tries again).
   */
  private runSettled(): void {
    if (this.settleDueSince === null) return;
    const unwritten = this.pending.length > 0 || this.writing !== null;
    if (unwritten && performance.now() - this.settleDueSince < SETTLE_AT_MOST_MS) return;
    this.settleDueSince = null;
    this.notify(this.settledListeners, (l) => l(this.state));
  }

  /**
   * Nothing of the batch was stored: memory is reloaded from the database and the batch refused,
   * with every command decided on top of it since (they were applied to memory after it).
   */
  private failed(batch: Pending[], e: Error): void {
    console.error('[store] commit failed; nothing was changed:', e.message);
    const after = this.pending.splice(0);
    this.state = this.store.load(this.today(), this.config);
    this.notify(this.dayChanged, (l) => l(this.state)); // screens resync to what is really stored
    for (const b of [...batch, ...after]) b.reject(new AppError('storage_unavailable'));
  }

  /** A failing listener (a broadcast) must never undo or block a committed command. */
  private notify<L>(listeners: L[], call: (l: L) => void): void {
    for (const l of listeners) {
      try {
        call(l);
      } catch (e) {
        console.error('[queue] listener failed:', e);
      }
    }
  }

  /** Records something worth an audit row that changes no queue state (e.g. a failed look-up). */
  note(actor: string, action: string, detail: Record<string, unknown>, at = this.clock.now()): void {
    try {
      this.store.appendAudit(this.state.day, {
        at,
        action,
        actor,
        ticketId: null,
        ticketNumber: null,
        counterId: null,
        stageId: null,
        durationMs: null,
        detail,
      });
    } catch (e) {
      // A full disk must not turn a refused look-up into a crash; the refusal itself still stands.
      console.error('[audit] could not record', action, (e as Error).message);
    }
  }

  // ─── Check-in look-ups ───────────────────────────────────────────────────────────────────────────

  /** Finds the bookings a kiosk input refers to, with their families, and how each stands now. */
  lookup(method: 'qr' | 'nik' | 'code', value: string, actor: string): CheckinCandidate[] {
    this.ensureDay();
    const today = this.state.day;
    let found: Booking[] = [];
    if (method === 'nik') {
      const nik = checkNik(value);
      if (!nik.ok) throw new AppError('invalid_nik', { problem: nik.problem });
      found = this.bookings.byNik(nik.nik, today);
    } else {
      const code =
        method === 'qr'
          ? bookingCodeFromQr(value, this.config.policy.qrBookingCodePattern)
          : value.trim().toUpperCase();
      const b = code && isBookingCode(code) ? this.bookings.byCode(code) : null;
      if (b) found = [b];
    }
    if (!found.length) {
      this.note(actor, 'checkin.lookup_failed', { method });
      throw new AppError('booking_not_found');
    }
    // Today's bookings, and their families; if none is for today, the nearest one explains why.
    const todays = found.filter((b) => b.arrivalDate === today);
    const primary = todays.length ? todays : found.slice(0, 1);
    const all = new Map<string, Booking>();
    for (const b of primary) {
      all.set(b.code, b);
      if (b.arrivalDate === today) for (const f of this.bookings.family(b)) all.set(f.code, f);
    }
    return [...all.values()].slice(0, 5).map((b) => this.candidate(b));
  }

  private candidate(b: Booking): CheckinCandidate {
    const existingId = this.state.byBookingCode.get(b.code);
    const existing = existingId ? this.state.tickets.get(existingId) : undefined;
    return {
      bookingCode: b.code,
      maskedName: maskName(b.fullName),
      birthDayMonth: birthDayMonth(b.birthDate),
      maskedNik: b.maskedNik,
      applicationType: b.applicationType,
      arrivalDate: b.arrivalDate,
      officeCode: b.officeCode,
      window: { start: b.windowStart, end: b.windowEnd },
      checklist: checklistFor(this.config, { applicationType: b.applicationType, serviceId: '' }),
      assessment: existing
        ? { kind: 'already', ticketNumber: existing.number }
        : assessBooking(b, { now: this.clock.now(), office: this.config.office, policy: this.config.policy }),
    };
  }

  /** Checks in the chosen bookings (one family) together. */
  async confirm(codes: string[], actor: string): Promise<{ ticket: Ticket; reprint: boolean }[]> {
    const bookings = codes.map((c) => {
      const b = this.bookings.byCode(c);
      if (!b) throw new AppError('booking_not_found');
      return b;
    });
    const account = bookings[0]?.accountId;
    if (bookings.some((b) => b.accountId !== account))
      throw new AppError('invalid_payload', { detail: 'bookings of one account only' });
    return (await this.execute(actor, (s, ctx) => checkIn(s, bookings, ctx))).tickets;
  }
}
