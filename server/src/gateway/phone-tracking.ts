import { positionsByTicket, trackUpdate } from '../engine/projections.ts';
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
  service.onCommitted((changes) => {
    if (changes.tickets.length) dirty = true;
  });
  service.onDayChanged(() => {
    for (const id of io.of('/').adapter.rooms.get(ROOMS.phones) ?? []) {
      const s = io.of('/').sockets.get(id);
      if (s) sendTrack(s, false);
    }
  });

  function sendTrack(
    socket: GiliranSocket,
    force: boolean,
    tick?: { positions: Map<string, number>; outlook: QueueOutlook },
  ): void {
    const id = socket.data.trackTicketId;
    const t = id ? service.state.tickets.get(id) : undefined;
    const ahead = t && tick ? (tick.positions.get(t.id) ?? 0) : undefined;
    const now = service.clock.now();
    const update = t ? trackUpdate(service.state, service.config, t, now, ahead, tick?.outlook) : null;
    const key = JSON.stringify(update && { ...update, at: 0 });
    if (!force && key === socket.data.lastTrack) return;
    socket.data.lastTrack = key;
    socket.emit('track:update', update);
  }

  const timer = setInterval(() => {
    if (service.ensureDay() || !dirty) return;
    dirty = false;
    // Positions and the wait outlook once per tick for every phone, not one scan of the day per phone.
    const now = service.clock.now();
    const tick = {
      positions: positionsByTicket(service.state, service.config, now),
      outlook: queueOutlook(service.state, service.config, now),
    };
    for (const id of io.of('/').adapter.rooms.get(ROOMS.phones) ?? []) {
      const s = io.of('/').sockets.get(id);
      if (s) sendTrack(s, false, tick);
    }
  }, intervalMs);
  timer.unref();

  return { send: (socket) => sendTrack(socket, true), close: () => clearInterval(timer) };
}
