import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@giliran/shared';
import type { Principal } from '../auth/auth-repo.ts';

/** What the server remembers about each connection. */
export interface SocketData {
  principal: Principal;
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
 * Broadcast rooms. Boards, counters and supervisors follow every change (counters without names);
 * supervisors also get alerts and device health; an officer's own room carries their counter's
 * queue; kiosks join none (they need only their snapshot). Phones are not sockets (phones/).
 * Per-credential rooms (device, session, officer) let the server end one credential's sockets.
 */
export const ROOMS = {
  boards: 'boards',
  counters: 'counters',
  supervisors: 'supervisors',
  device: (deviceId: string) => `device:${deviceId}`,
  officer: (username: string) => `officer:${username}`,
  /** One officer session (a signed-in browser). */
  session: (sessionId: string) => `session:${sessionId}`,
} as const;

export function roomsFor(p: Principal): string[] {
  const rooms: string[] = [];
  if (p.role === 'board') rooms.push(ROOMS.boards);
  if (p.role === 'counter') rooms.push(ROOMS.counters);
  if (isSupervisor(p)) rooms.push(ROOMS.supervisors);
  if (p.username) rooms.push(ROOMS.officer(p.username));
  if (p.deviceId) rooms.push(ROOMS.device(p.deviceId));
  if (p.sessionId) rooms.push(ROOMS.session(p.sessionId));
  return rooms;
}

export const isSupervisor = (p: Principal) => p.role === 'supervisor' || p.role === 'admin';
export const isStaff = (p: Principal) => p.role === 'counter' || isSupervisor(p);
