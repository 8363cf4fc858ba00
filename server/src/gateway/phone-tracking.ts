import type { Ticket } from '@giliran/shared';
import { trackUpdate } from '../engine/projections.ts';
import { pickContext } from '../engine/state.ts';
import { queueOutlook, type QueueOutlook } from '../engine/wait-outlook.ts';
import type { QueueService } from '../store/queue-service.ts';
import { ROOMS, type GiliranServer, type GiliranSocket } from './types.ts';

/**
 * Phones follow their own ticket only. Their updates are coalesced to at most one per interval
 * (DESIGN §9: phones must not cost the boards), and a phone is sent an update only when what it
 * shows has changed.
 */
export function startPhoneTracking(
  io: GiliranServer,
  service: QueueService,
  intervalMs: number,
): { send(socket: GiliranSocket): void; close(): void } {
  let dirty = false;
  let sweeping = false;
  service.onCommitted((changes) => {
    if (changes.tickets.length) dirty = true;
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
    const key = JSON.stringify(update && { ...update, at: 0 });
    if (!force && key === socket.data.lastTrack) return;
    socket.data.lastTrack = key;
    socket.emit('track:update', update);
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
  function sweep(ids: string[], from: number): void {
    const started = performance.now();
    const m = moment();
    let i = from;
    while (i < ids.length && performance.now() - started < SLICE_MS) {
      const s = io.of('/').sockets.get(ids[i++] as string);
      if (s) sendTrack(s, false, m);
    }
    if (i < ids.length) setImmediate(() => sweep(ids, i));
    else sweeping = false;
  }

  const timer = setInterval(() => {
    if (service.ensureDay() || !dirty || sweeping) return;
    dirty = false;
    sweeping = true;
    sweep([...(io.of('/').adapter.rooms.get(ROOMS.phones) ?? [])], 0);
  }, intervalMs);
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
