/**
 * Preloaded into a benchmarked server (`node --import`): records event-loop delay with
 * perf_hooks.monitorEventLoopDelay. On SIGUSR2 it writes what it saw since the last signal to
 * GILIRAN_LOOP_PROBE_FILE (JSON, milliseconds) and starts over, so the bench brackets a phase with
 * two signals. Plain JS so it needs no loader; it changes nothing in the server itself.
 */
import { writeFileSync, renameSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import process from 'node:process';

const file = process.env.GILIRAN_LOOP_PROBE_FILE;
if (file) {
  // 1 ms resolution: the figure that matters is the longest turn (target ≤ 20 ms).
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  process.on('SIGUSR2', () => {
    /** @param {number} ns */
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    /** @param {number} b */
    const mb = (b) => Math.round(b / 1e5) / 10;
    if (process.env.GILIRAN_LOOP_PROBE_GC && globalThis.gc) globalThis.gc();
    const m = process.memoryUsage();
    const heap = getHeapStatistics();
    const out = {
      maxMs: ms(h.max),
      p99Ms: ms(h.percentile(99)),
      meanMs: ms(h.mean),
      at: Date.now(),
      memoryMb: {
        rss: mb(m.rss),
        heapUsed: mb(m.heapUsed),
        heapTotal: mb(m.heapTotal),
        external: mb(m.external),
        arrayBuffers: mb(m.arrayBuffers),
        malloced: mb(heap.malloced_memory),
      },
    };
    if (process.env.GILIRAN_LOOP_PROBE_SNAPSHOT) writeHeapSnapshot(`${file}.${Date.now()}.heapsnapshot`);
    h.reset();
    // Written whole, then renamed: the bench never reads half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify(out));
    renameSync(`${file}.tmp`, file);
  });
}
