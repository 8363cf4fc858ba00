/**
 * The paced measurement shared by the standard run and the `--scale` sweep: counters emit
 * `ticket:call` at a fixed rate and each call is timed until every board has it.
 */
import type { CounterActionResult } from '@giliran/shared';
import { command, percentiles, sleep, type Client, type Percentiles } from './lib.ts';
import type { FarmCount } from './phone-farm.ts';

export interface PacedResult {
  latency: Percentiles;
  /** Calls sent (acknowledged or not) that some board never got within 2 s. */
  missing: number;
  /** Paced slots not sent because every caller was still waiting for its last acknowledgement. */
  skipped: number;
  ackMs: Percentiles;
  frames: { event: string; bytes: number }[];
  /** Mean data bytes of one phone `track` event (the bare baseline pads its events to it). */
  trackBytes: number;
  /** `track` events the farm's phones got per second (the bare baseline sends as many). */
  trackPerSecond: number;
}

/**
 * Emits `ticket:call` from the callers round-robin at `rate`/s; for each, the time until every
 * board got the matching call in a `queue:changes` frame. `after` runs on each acknowledged call (e.g. complete).
 */
export async function paced(
  callers: Client[],
  boards: Client[],
  /** The phone farm whose frames are counted over the measurement (null: none, or counted outside). */
  phones: { count(): Promise<FarmCount> } | null,
  after: (c: Client) => Promise<unknown>,
  opts: { rate: number; pacedSeconds: number },
): Promise<PacedResult> {
  const seen = new Map<string, number[]>();
  const frameBytes = new Map<string, { bytes: number; count: number }>();
  const onChanges = (changes: { calls: { ticketIds: string[]; recall: number }[] }) => {
    const now = performance.now();
    for (const call of changes.calls) {
      if (call.recall !== 0) continue;
      const key = call.ticketIds[0] as string;
      const list = seen.get(key) ?? [];
      list.push(now);
      seen.set(key, list);
    }
  };
  for (const b of boards) b.on('queue:changes', onChanges);
  const probe = (event: string, ...a: unknown[]) => {
    const f = frameBytes.get(event) ?? { bytes: 0, count: 0 };
    f.bytes += JSON.stringify(a).length;
    f.count++;
    frameBytes.set(event, f);
  };
  boards[0]?.onAny(probe);
  await phones?.count(); // phone frames are counted from here

  const total = Math.round(opts.rate * opts.pacedSeconds);
  const busy = new Set<Client>();
  const sent: { id: string | null; t0: number; ack: number }[] = [];
  const refused: Record<string, number> = {};
  const pending: Promise<void>[] = [];
  const start = performance.now();
  let rr = 0;
  for (let i = 0; i < total; i++) {
    const at = start + (i * 1000) / opts.rate;
    const wait = at - performance.now();
    if (wait > 0) await sleep(wait);
    let c: Client | undefined;
    for (let k = 0; k < callers.length && !c; k++) {
      const cand = callers[rr++ % callers.length] as Client;
      if (!busy.has(cand)) c = cand;
    }
    if (!c) continue; // every caller still busy: this slot is skipped (reported as skipped)
    const caller = c;
    busy.add(caller);
    const entry = { id: null as string | null, t0: performance.now(), ack: 0 };
    sent.push(entry);
    pending.push(
      (async () => {
        const r = await command<CounterActionResult>(caller, 'ticket:call', {}, 5_000);
        entry.ack = performance.now() - entry.t0;
        if (r.ok) {
          entry.id = r.data.tickets[0]?.id ?? null;
          await after(caller);
        } else refused[r.error.code] = (refused[r.error.code] ?? 0) + 1;
        busy.delete(caller);
      })(),
    );
  }
  await Promise.all(pending);
  const settle = performance.now() + 2_000;
  while (
    performance.now() < settle &&
    sent.some((s) => s.id && (seen.get(s.id)?.length ?? 0) < boards.length)
  )
    await sleep(10);
  for (const b of boards) b.off('queue:changes', onChanges);
  boards[0]?.offAny(probe);
  const phoneFrames = await phones?.count();
  const seconds = (performance.now() - start) / 1000;
  const lat: number[] = [];
  let missing = 0;
  for (const s of sent) {
    const got = s.id ? seen.get(s.id) : undefined;
    if (!got || got.length < boards.length) missing++;
    else lat.push(Math.max(...got) - s.t0);
  }
  const calls = Math.max(1, sent.filter((s) => s.id).length);
  if (Object.keys(refused).length) console.log('[bench] paced refusals', refused);
  return {
    latency: percentiles(lat),
    missing,
    skipped: total - sent.length,
    ackMs: percentiles(sent.map((s) => s.ack)),
    frames: [...frameBytes.entries()].flatMap(([event, f]) =>
      // frames per call, rounded, each with its average size
      Array.from({ length: Math.max(1, Math.round(f.count / calls)) }, () => ({
        event,
        bytes: Math.round(f.bytes / f.count),
      })),
    ),
    trackBytes: phoneFrames?.trackBytes ?? 0,
    trackPerSecond: Math.round((phoneFrames?.frames ?? 0) / seconds),
  };
}
