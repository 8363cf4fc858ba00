import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@giliran/shared';
import type { Principal } from '../auth/auth-repo.ts';

/** What the server remembers about each connection. */
export interface SocketData {
  principal: Principal;
  /** For phone tracking connections: the ticket followed. */
  trackTicketId: string | null;
  /** The last tracking update sent, to send only changes. */
  lastTrack: string | null;
}

export type GiliranServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type GiliranSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/**
 * Broadcast rooms. Boards and staff follow every change; supervisors also get alerts and device
 * health; kiosks join none (they need only their snapshot); phones follow their own ticket.
 */
export const ROOMS = {
  boards: 'boards',
  staff: 'staff',
  supervisors: 'supervisors',
  phones: 'phones',
  device: (deviceId: string) => `device:${deviceId}`,
} as const;

export function roomsFor(p: Principal): string[] {
  const rooms: string[] = [];
  if (p.role === 'phone') return [ROOMS.phones];
  if (p.role === 'board') rooms.push(ROOMS.boards);
  else if (p.role !== 'kiosk') rooms.push(ROOMS.staff);
  if (p.role === 'supervisor' || p.role === 'admin') rooms.push(ROOMS.supervisors);
  if (p.deviceId) rooms.push(ROOMS.device(p.deviceId));
  return rooms;
}

export const isSupervisor = (p: Principal) => p.role === 'supervisor' || p.role === 'admin';
export const isStaff = (p: Principal) => p.role === 'counter' || isSupervisor(p);
