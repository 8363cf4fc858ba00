import type { Ticket } from '@giliran/shared';
import { trackUpdate } from '../engine/projections.ts';
import { pickContext } from '../engine/state.ts';
import { queueOutlook, type QueueOutlook } from '../engine/wait-outlook.ts';
import type { QueueService } from '../store/queue-service.ts';
import { ROOMS, type GiliranServer, type GiliranSocket } from './types.ts';

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
}

export const DEFAULT_PHONE_TIMING: PhoneTiming = { intervalMs: 1_000, positionEveryMs: 5_000 };

/**
 * Phones follow their own ticket only (DESIGN §9: phones must not cost the boards). Every interval,
 * a phone whose ticket changed gets its update; the others get theirs only when what they show
 * changed and their last one is `positionEveryMs` old.
 */
export function startPhoneTracking(
  io: GiliranServer,
  service: QueueService,
  timing: PhoneTiming,
): { send(socket: GiliranSocket): void; close(): void } {
  /** Tickets changed since the last round began: their phones are told at the next round. */
  let changedTickets = new Set<string>();
  /** Counts commits that changed tickets (positions may have moved), and when the last one was. */
  let queueVersion = 0;
  let queueChangedAt = -Infinity;
  let sweeping = false;
  service.onCommitted((changes) => {
    if (!changes.tickets.length) return;
    for (const t of changes.tickets) changedTickets.add(t.id);
    queueVersion++;
    queueChangedAt = service.clock.now();
  });
  service.onDayChanged(() => {
    for (const id of io.of('/').adapter.rooms.get(ROOMS.phones) ?? []) {
      const s = io.of('/').sockets.get(id);
      if (s) sendTrack(s, false);
    }
  });

  function sendTrack(socket: GiliranSocket, force: boolean, moment?: Moment): void {
    const id = socket.data.trackTicketId;
    const t = id ? service.state.tickets.get(id) : undefined;
    const now = moment?.now ?? service.clock.now();
    const ahead = t && moment ? moment.ahead(t) : undefined;
    const update = t ? trackUpdate(service.state, service.config, t, now, ahead, moment?.outlook) : null;
    socket.data.trackCheckedVersion = queueVersion;
    const key = JSON.stringify(update && { ...update, at: 0 });
    if (!force && key === socket.data.lastTrack) return;
    socket.data.lastTrack = key;
    socket.data.trackSentAt = now;
    socket.emit('track:update', update);
  }

  /** Does this phone get looked at in this round? */
  function due(socket: GiliranSocket, changed: Set<string>, now: number): boolean {
    const d = socket.data;
    if (d.trackTicketId && changed.has(d.trackTicketId)) return true;
    return queueVersion > d.trackCheckedVersion && now - d.trackSentAt >= timing.positionEveryMs;
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
  function sweep(ids: string[], changed: Set<string>, from: number): void {
    const started = performance.now();
    const now = service.clock.now();
    let m: Moment | undefined; // worked out only if a phone in this slice is due
    let i = from;
    while (i < ids.length && performance.now() - started < SLICE_MS) {
      const s = io.of('/').sockets.get(ids[i++] as string);
      if (s && due(s, changed, now)) sendTrack(s, false, (m ??= moment()));
    }
    if (i < ids.length) setImmediate(() => sweep(ids, changed, i));
    else sweeping = false;
  }

  const timer = setInterval(() => {
    if (service.ensureDay() || sweeping) return;
    // Nothing changed since positions were last told (or could be): nothing to look at.
    if (
      !changedTickets.size &&
      service.clock.now() - queueChangedAt > timing.positionEveryMs + timing.intervalMs
    )
      return;
    const changed = changedTickets;
    changedTickets = new Set();
    sweeping = true;
    sweep([...(io.of('/').adapter.rooms.get(ROOMS.phones) ?? [])], changed, 0);
  }, timing.intervalMs);
  timer.unref();

  return { send: (socket) => sendTrack(socket, true), close: () => clearInterval(timer) };
}

/** Longest stretch of phone updates in one event-loop turn. */
const SLICE_MS = 4;

interface Moment {
  now: number;
  outlook: QueueOutlook;
  ahead(t: Ticket): number;
}
