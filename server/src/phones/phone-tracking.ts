import { TRACK_STREAM, type Ticket } from '@giliran/shared';
import { trackUpdate } from '../engine/projections.ts';
import { pickContext } from '../engine/state.ts';
import { queueOutlook, type QueueOutlook } from '../engine/wait-outlook.ts';
import type { QueueService } from '../store/queue-service.ts';
import type { PhoneStream, PhoneStreams } from './phone-streams.ts';

/** How often phones are looked at, and how often at most a phone is told its new position. */
export interface PhoneTiming {
  /** A phone hears that its own ticket changed (called, recalled, moved on, done) within this. */
  intervalMs: number;
  /**
   * A phone whose ticket did not change hears its new position and wait at most this often. At
   * 3,000 phones a position a second each was 3,000 socket writes a second, a third of the server's
   * CPU and most of its garbage (profile, issue 14); a place in line read every few seconds is
   * still current, and the call itself never waits for this.
   */
  positionEveryMs: number;
  /** A stream written nothing for this long gets a heartbeat (`TRACK_STREAM.heartbeatMs`). */
  heartbeatMs: number;
}

export const DEFAULT_PHONE_TIMING: PhoneTiming = {
  intervalMs: 1_000,
  positionEveryMs: 5_000,
  heartbeatMs: TRACK_STREAM.heartbeatMs,
};

/**
 * Phones follow their own ticket only (DESIGN §9: phones must not cost the boards). Every interval,
 * a phone whose ticket changed gets its update; the others get theirs only when what they show
 * changed and their last one is `positionEveryMs` old, and a heartbeat when nothing was written to
 * them for `heartbeatMs`.
 */
export function startPhoneTracking(
  streams: PhoneStreams,
  service: QueueService,
  timing: PhoneTiming,
): { send(stream: PhoneStream): void; close(): void } {
  /** Tickets changed since the last round began: their phones are told at the next round. */
  let changedTickets = new Set<string>();
  /** Counts commits that changed tickets (positions may have moved). */
  let queueVersion = 0;
  let sweeping = false;
  service.onCommitted((changes) => {
    if (!changes.tickets.length) return;
    for (const t of changes.tickets) changedTickets.add(t.id);
    queueVersion++;
  });
  // A new day starts a new queue (or memory was reloaded after a failed commit): a phone whose
  // ticket is not in it has nothing left to follow; the others are told what is really stored.
  service.onDayChanged(() => {
    for (const s of streams.list())
      if (service.state.tickets.has(s.ticketId)) sendTrack(s, false);
      else streams.end(s, 'tracking_unknown');
  });

  function sendTrack(stream: PhoneStream, force: boolean, moment?: Moment): void {
    const t = service.state.tickets.get(stream.ticketId);
    if (!t) return streams.end(stream, 'tracking_unknown');
    const now = moment?.now ?? service.clock.now();
    const ahead = moment ? moment.ahead(t) : undefined;
    const update = trackUpdate(service.state, service.config, t, now, ahead, moment?.outlook);
    stream.checkedVersion = queueVersion;
    const key = JSON.stringify({ ...update, at: 0 });
    if (!force && key === stream.lastTrack) return;
    stream.lastTrack = key;
    streams.send(stream, update);
  }

  /** Does this phone get its new place and wait in this round? */
  function due(stream: PhoneStream, now: number): boolean {
    return queueVersion > stream.checkedVersion && now - stream.sentAt >= timing.positionEveryMs;
  }

  /**
   * The queue at one instant, shared by a slice of phones: the wait outlook once, and positions from
   * the kept lanes (O(log n) a ticket; a stage where a family waits is walked once per slice).
   */
  function moment(): Moment {
    const now = service.clock.now();
    const ctx = pickContext(service.state, service.config, now);
    const walked = new Map<string, Map<string, number>>();
    return {
      now,
      outlook: queueOutlook(service.state, service.config, now),
      ahead(t) {
        if (t.status !== 'waiting') return 0;
        if (!service.state.waiting.familiesWaitAt(t.stageId))
          return service.state.waiting.positionOf(t, ctx) ?? 0;
        let positions = walked.get(t.stageId);
        if (!positions) {
          positions = new Map();
          let i = 0;
          for (const x of service.state.waiting.callOrderAt(t.stageId, ctx)) positions.set(x.id, i++);
          walked.set(t.stageId, positions);
        }
        return positions.get(t.id) ?? 0;
      },
    };
  }

  /**
   * The other phones of a round, in slices of at most SLICE_MS spread across the round rather than
   * back to back: in consecutive turns, a round of 3,000 phones made every command that arrived
   * meanwhile wait behind a slice at each step (received, committed, broadcast), and call → board
   * p99 was 21-25 ms at 3,000 phones against 8-9 ms at 1,000 (bench, issue 14). Each slice reads
   * the queue as it is then.
   */
  function sweep(list: PhoneStream[], from: number): void {
    const started = performance.now();
    const now = service.clock.now();
    let m: Moment | undefined; // worked out only if a phone in this slice is due
    let i = from;
    while (i < list.length && performance.now() - started < SLICE_MS) {
      const s = list[i++] as PhoneStream;
      if (due(s, now)) sendTrack(s, false, (m ??= moment()));
      else if (now - s.writtenAt >= timing.heartbeatMs) streams.heartbeat(s);
    }
    if (i < list.length) setTimeout(() => sweep(list, i), timing.intervalMs / SLICES_PER_ROUND);
    else sweeping = false;
  }

  const timer = setInterval(() => {
    if (service.ensureDay()) return;
    // A phone whose own ticket changed (called, recalled, moved on, done) is told at once: a few
    // a round, whatever the rest of the round still has to do.
    let m: Moment | undefined;
    for (const id of changedTickets)
      for (const s of streams.ofTicket(id)) sendTrack(s, false, (m ??= moment()));
    changedTickets = new Set();
    if (sweeping || !streams.size) return;
    sweeping = true;
    sweep(streams.list(), 0);
  }, timing.intervalMs);
  timer.unref();

  return { send: (stream) => sendTrack(stream, true), close: () => clearInterval(timer) };
}

/** Longest stretch of phone updates in one event-loop turn. */
const SLICE_MS = 2;
/** Slices of a round start this far apart: at most this many of them in one round's interval. */
const SLICES_PER_ROUND = 20;

interface Moment {
  now: number;
  outlook: QueueOutlook;
  ahead(t: Ticket): number;
}
