import {
  AppError,
  EVENT_ROLES,
  payloadSchemas,
  type AckResponse,
  type ClientEventName,
} from '@giliran/shared';
import type { CommandHandlers, Handler } from './command-handlers.ts';
import type { Principal } from '../auth/auth-repo.ts';
import type { GiliranSocket } from './types.ts';

/**
 * The edge of every client command: exactly one payload, authorized by the matrix in shared/,
 * validated by its zod schema, then handled; every command gets exactly one acknowledgement, and
 * unknown events with an ack are answered too (an ack-less emit is simply dropped). A command from a
 * socket whose credential has ended is refused with `unauthenticated` and the socket closed.
 */
export function registerCommands(
  socket: GiliranSocket,
  handlers: CommandHandlers,
  credential: { isLive(socket: GiliranSocket): boolean; end(socket: GiliranSocket): void },
): void {
  // One catch-all listener per socket, not one per event: 21 listeners each (plus the dictionary
  // they make of the socket's event table) cost ~4 KB a socket (heap snapshot, issue 14). Socket.IO
  // passes the ack as the last argument here too.
  socket.onAny((event: string, ...args: unknown[]) => {
    const last = args[args.length - 1];
    const hasAck = typeof last === 'function';
    const ack = hasAck ? (last as (r: AckResponse<unknown>) => void) : () => {};
    if (!Object.hasOwn(handlers, event)) {
      // An ack-less unknown emit is simply dropped.
      if (hasAck)
        ack(fail(new AppError('invalid_payload', { detail: `unknown event ${String(event).slice(0, 40)}` })));
      return;
    }
    // Exactly one payload (and the ack): extra arguments are refused, not silently ignored.
    const payloads = hasAck ? args.length - 1 : args.length;
    if (!credential.isLive(socket)) {
      ack(fail(new AppError('unauthenticated')));
      credential.end(socket);
      return;
    }
    if (payloads !== 1) {
      ack(fail(new AppError('invalid_payload', { detail: 'send exactly one payload object' })));
      return;
    }
    void dispatch(handlers, event as ClientEventName, socket.data.principal, args[0]).then(ack);
  });
}

async function dispatch(
  handlers: CommandHandlers,
  event: ClientEventName,
  p: Principal,
  raw: unknown,
): Promise<AckResponse<unknown>> {
  if (!EVENT_ROLES[event].includes(p.role)) return fail(new AppError('forbidden'));
  const parsed = payloadSchemas[event].safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return fail(
      new AppError('invalid_payload', {
        detail: first ? `${first.path.join('.') || 'payload'}: ${first.message}` : 'bad payload',
      }),
    );
  }
  try {
    const handler = handlers[event] as Handler<ClientEventName>;
    return { ok: true, data: await handler(parsed.data, p) };
  } catch (e) {
    if (e instanceof AppError) return fail(e);
    console.error(`[gateway] ${event} failed:`, e);
    return fail(new AppError('internal'));
  }
}

function fail(e: AppError): AckResponse<never> {
  return { ok: false, error: e.toBody() };
}
