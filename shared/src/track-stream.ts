// Its own module, without zod: the phone page imports it, and contract.ts builds zod schemas at
// load (tests/e2e/bundles.spec.ts keeps zod out of the screens' bundle).

/**
 * A phone follows its ticket at `GET /api/track/:token/events`, a `text/event-stream`, not
 * Socket.IO: a phone only listens, EventSource reconnects by itself over plain HTTP, and a stream
 * costs the server no pings and less memory than a socket (about 8.5 KB of heap against 11.7 KB,
 * measured at 3,000 phones; issue 14).
 * - `track`: a `TrackUpdate`, at once on connect, within a second when the ticket itself changes
 *   (called, recalled, moved on, done), its new place and wait at most every 5 s otherwise;
 * - `ended`: an `AppErrorBody` (`tracking_unknown`: the ticket is no longer today's;
 *   `tracking_replaced`: newer streams of the same ticket replaced this one, at most 4 are kept);
 *   the server then closes the stream and the page must not reconnect.
 * A token that names none of today's tickets gets 404 `tracking_unknown` before any stream starts.
 */
export const TRACK_STREAM = {
  update: 'track',
  ended: 'ended',
  /** The reconnect delay the server asks EventSource for (`retry:`). */
  retryMs: 2_000,
  /** A comment line this often keeps proxies and NAT from closing a quiet stream. */
  heartbeatMs: 20_000,
} as const;
