// Encoded size and encode time of a typical 80 mm ticket (6-item checklist).
// Run: npx tsx hardware/src/bench-encode.ts
import { sampleTicket } from './test-support/fixtures.ts';
import { encodeTicket } from './ticket/encode.ts';

const ticket = sampleTicket();

const WARMUP = 200;
const RUNS = 2000;
let size = 0;
for (let k = 0; k < WARMUP; k++) size = encodeTicket(ticket, { width: 80 }).length;
const times: number[] = [];
for (let k = 0; k < RUNS; k++) {
  const start = performance.now();
  encodeTicket(ticket, { width: 80 });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const pct = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
console.log(`80 mm ticket, 6-item checklist: ${size} bytes`);
console.log(
  `encode time over ${RUNS} runs: median ${pct(0.5).toFixed(3)} ms, p95 ${pct(0.95).toFixed(3)} ms (Node ${process.version})`,
);
