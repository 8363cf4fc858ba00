/**
 * The day simulator's speed (issue 12: a 2,500-booking day in ≤ 2 s): a Denpasar-like day ten times
 * over (2,500 bookings, 400 walk-ins, ten times the configured counters), simulated `runs` times in
 * this process. The first run includes JIT warm-up; the machine's load is recorded beside it, since
 * other work on a shared 2-core machine stretches every figure.
 */
import { loadavg } from 'node:os';
import { defaultPlan, scalePlan } from '@giliran/shared';
import { DENPASAR_WALK_INS, generatedBookings, loadOfficeConfig, simulate } from '@giliran/server';

export interface SimulationBench {
  bookings: number;
  tickets: number;
  runs: number;
  firstRunMs: number;
  medianMs: number;
  minMs: number;
  /** CPU time of the median run (user + system), less sensitive to other processes than wall time. */
  medianCpuMs: number;
  loadAverage1m: { before: number; after: number };
  targetMs: number;
}

export function runSimulationBench(opts: { bookings?: number; runs?: number } = {}): SimulationBench {
  const bookingsCount = opts.bookings ?? 2_500;
  const runs = Math.max(1, opts.runs ?? 5);
  const config = loadOfficeConfig();
  const day = '2026-03-02';
  const factor = bookingsCount / 250;
  const bookings = generatedBookings(config, day, bookingsCount, 1);
  const plan = scalePlan(defaultPlan(config), factor);
  const walkIns = Object.fromEntries(
    Object.entries(DENPASAR_WALK_INS).map(([id, n]) => [id, Math.round(n * factor)]),
  );
  const before = loadavg()[0] ?? 0;
  const wall: number[] = [];
  const cpu: number[] = [];
  let tickets = 0;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    tickets = simulate({ config, day, bookings, plan, walkIns, seed: 1 }).result.tickets;
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const order = wall.map((w, i) => i).sort((a, b) => (wall[a] as number) - (wall[b] as number));
  const mid = order[order.length >> 1] as number;
  const round = (v: number) => Math.round(v);
  return {
    bookings: bookingsCount,
    tickets,
    runs,
    firstRunMs: round(wall[0] as number),
    medianMs: round(wall[mid] as number),
    minMs: round(Math.min(...wall)),
    medianCpuMs: round(cpu[mid] as number),
    loadAverage1m: {
      before: Math.round(before * 100) / 100,
      after: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    },
    targetMs: 2_000,
  };
}
