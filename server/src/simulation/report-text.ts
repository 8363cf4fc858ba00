import type { OfficeConfig, SimulationResult } from '@giliran/shared';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const pad = (v: string | number, n: number) => String(v).padStart(n);

/** The day's figures as a terminal table (Indonesian / English headings). */
export function resultTable(r: SimulationResult, config: OfficeConfig): string {
  const out: string[] = [];
  const services = new Map(config.services.map((s) => [s.id, s]));
  out.push(
    `Simulasi hari / day simulation ${r.day} — seed ${r.seed}${r.planName ? ` — rencana / plan "${r.planName}"` : ''}`,
    `Pendaftaran / bookings ${r.bookings} (tidak datang / no-shows ${r.noShows}, ditolak / refused ${r.refused}); ` +
      `tanpa pendaftaran / walk-ins ${r.walkIns}; tiket / tickets ${r.tickets}`,
    '',
    'Jam    datang  antre-maks  tunggu p50  p90  selesai  loket',
    'hour   arrive  waiting-max   wait p50  p90   served  counters',
  );
  for (const h of r.hours)
    out.push(
      `${h.hour}  ${pad(h.arrivals, 6)}  ${pad(h.waitingPeak, 10)}  ${pad(h.p50, 10)}  ${pad(h.p90, 4)}  ${pad(h.served, 7)}  ${pad(h.countersOpen, 6)}`,
    );
  out.push('', 'Layanan / service              datang  antre-maks  p50   p90  selesai');
  for (const s of r.services) {
    const name = services.get(s.serviceId);
    const label = `${name?.letter ?? '?'} ${name?.name.id ?? s.serviceId}`.slice(0, 30).padEnd(30);
    out.push(
      `${label} ${pad(s.arrivals, 6)}  ${pad(s.waitingPeak, 10)}  ${pad(s.p50, 4)}  ${pad(s.p90, 4)}  ${pad(s.served, 7)}`,
    );
  }
  out.push(
    '',
    `Tunggu seluruh kunjungan / wait over the visit (min): p50 ${r.wait.p50}, p90 ${r.wait.p90}, max ${r.wait.max}`,
    `Tunggu sampai dipanggil pertama / wait until first call (min): p50 ${r.firstWait.p50}, p90 ${r.firstWait.p90}`,
    `Pendaftar tepat waktu dipanggil dalam 15/30/60 mnt / on-time booked called within 15/30/60 min ` +
      `(n=${r.onTime.count}): ${pct(r.onTime.within15)} / ${pct(r.onTime.within30)} / ${pct(r.onTime.within60)}` +
      ` — dari awal slot / from window start: ${pct(r.onTime.fromWindowStart.within15)} / ` +
      `${pct(r.onTime.fromWindowStart.within30)} / ${pct(r.onTime.fromWindowStart.within60)}`,
    `Tunggu terlama prioritas / longest priority wait: ${r.priority.longestWaitMinutes} min (n=${r.priority.count})`,
    `Pemohon terakhir pulang / last applicant leaves: ${r.lastLeavesAt ?? '—'}` +
      (r.unserved ? `; TIDAK terlayani / NOT served: ${r.unserved}` : ''),
    `Loket menganggur / idle counter time: ${r.idleCounterMinutes.total} min (` +
      r.idleCounterMinutes.rows.map((x) => `${x.stages.join('+')} ${x.minutes}`).join(', ') +
      ')',
    `Ketepatan perkiraan / estimate accuracy (n=${r.estimate.count}): |galat/error| p50 ${r.estimate.p50AbsErrorMinutes} min, ` +
      `p80 ${r.estimate.p80AbsErrorMinutes} min; dalam ±25 % atau ±5 mnt / within ±25 % or ±5 min: ` +
      `${pct(r.estimate.withinTolerance)} (target ≥ 80 %)`,
  );
  return out.join('\n');
}
