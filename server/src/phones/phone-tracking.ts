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

  /** Does this phone get looked at in this round? */
  function due(stream: PhoneStream, changed: Set<string>, now: number): boolean {
    if (changed.has(stream.ticketId)) return true;
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
   * One round of updates, spread over event-loop turns: a slice of phones per turn, each turn at
   * most SLICE_MS, so boards and counters are served between slices (DESIGN §9: no turn over 20 ms;
   * 3,000 phones in one turn took ~200 ms). Each slice reads the queue as it is then.
   */
  function sweep(list: PhoneStream[], changed: Set<string>, from: number): void {
    const started = performance.now();
    const now = service.clock.now();
    let m: Moment | undefined; // worked out only if a phone in this slice is due
    let i = from;
    while (i < list.length && performance.now() - started < SLICE_MS) {
      const s = list[i++] as PhoneStream;
      if (due(s, changed, now)) sendTrack(s, false, (m ??= moment()));
      else if (now - s.writtenAt >= timing.heartbeatMs) streams.heartbeat(s);
    }
    if (i < list.length) setImmediate(() => sweep(list, changed, i));
    else sweeping = false;
  }

  const timer = setInterval(() => {
    if (service.ensureDay() || sweeping) return;
    const changed = changedTickets;
    changedTickets = new Set();
    if (!streams.size) return;
    sweeping = true;
    sweep(streams.list(), changed, 0);
  }, timing.intervalMs);
  timer.unref();

  return { send: (stream) => sendTrack(stream, true), close: () => clearInterval(timer) };
}

/** Longest stretch of phone updates in one event-loop turn. */
const SLICE_MS = 4;

interface Moment {
  now: number;
  outlook: QueueOutlook;
  ahead(t: Ticket): number;
}
