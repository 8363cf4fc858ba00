import {
  barLayout,
  type BarDatum,
  type OfficeConfig,
  type SimulationResult,
  type StaffingPlan,
} from '@giliran/shared';

/**
 * The simulated day as one self-contained HTML page: inline SVG bar charts (the dashboard's axis
 * arithmetic), the tables behind them, no script and no external file.
 */

const BOX = { width: 520, height: 240, left: 40, right: 8, top: 20, bottom: 32 };

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

function barSvg(title: string, data: BarDatum[], unit: string, integer: boolean): string {
  const { bars, ticks, plot } = barLayout(data, BOX, integer);
  const every = Math.max(1, Math.ceil(data.length / 10));
  const desc = data.map((d) => `${d.label}: ${d.value} ${unit}`).join('; ');
  return [
    `<figure><svg viewBox="0 0 ${BOX.width} ${BOX.height}" role="img" aria-label="${escape(title)}">`,
    `<title>${escape(title)}</title><desc>${escape(desc)}</desc>`,
    ...ticks.map(
      (t) =>
        `<line x1="${plot.x}" x2="${plot.x + plot.width}" y1="${t.y}" y2="${t.y}" class="grid"/>` +
        `<text x="${plot.x - 6}" y="${t.y + 4}" text-anchor="end">${t.value}</text>`,
    ),
    ...bars.map(
      (b, i) =>
        `<rect x="${b.x.toFixed(1)}" y="${b.y.toFixed(1)}" width="${b.width.toFixed(1)}" height="${Math.max(0.5, b.height).toFixed(1)}"/>` +
        (i % every === 0
          ? `<text x="${(b.x + b.width / 2).toFixed(1)}" y="${plot.y + plot.height + 16}" text-anchor="middle">${escape(b.label)}</text>`
          : ''),
    ),
    `</svg><figcaption>${escape(title)}</figcaption></figure>`,
  ].join('');
}

function table(head: string[], rows: (string | number)[][]): string {
  return (
    `<table><thead><tr>${head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((c) => `<td>${escape(String(c))}</td>`).join('')}</tr>`).join('') +
    '</tbody></table>'
  );
}

export function resultHtml(r: SimulationResult, config: OfficeConfig, plan: StaffingPlan): string {
  const stageName = (id: string) => config.stages.find((s) => s.id === id)?.name.id ?? id;
  const planWidth = Math.max(...plan.rows.map((row) => row.counters.length));
  const hourLabels = r.hours.map((h) => h.hour.slice(0, 2));
  const charts = [
    barSvg(
      'Antrean terbanyak per jam / most waiting per hour',
      r.hours.map((h, i) => ({ label: hourLabels[i] as string, value: h.waitingPeak })),
      'orang',
      true,
    ),
    barSvg(
      'Tunggu p90 per jam kedatangan (menit) / p90 wait by arrival hour (min)',
      r.hours.map((h, i) => ({ label: hourLabels[i] as string, value: h.p90 })),
      'menit',
      false,
    ),
    barSvg(
      'Sebaran waktu tunggu / wait distribution (tickets)',
      r.waitHistogram.map((b) => ({
        label: b.toMinutes === null ? `${b.fromMinutes}+` : `${b.fromMinutes}–${b.toMinutes}`,
        value: b.count,
      })),
      'tiket',
      true,
    ),
    barSvg(
      'Kedatangan per jam / arrivals per hour',
      r.hours.map((h, i) => ({ label: hourLabels[i] as string, value: h.arrivals })),
      'tiket',
      true,
    ),
  ];
  const summary: [string, string][] = [
    [
      'Pendaftaran / bookings',
      `${r.bookings} (tidak datang / no-shows ${r.noShows}, ditolak / refused ${r.refused})`,
    ],
    ['Tanpa pendaftaran / walk-ins', String(r.walkIns)],
    ['Tunggu seluruh kunjungan p50 / p90 / max (menit)', `${r.wait.p50} / ${r.wait.p90} / ${r.wait.max}`],
    ['Tunggu sampai panggilan pertama p50 / p90', `${r.firstWait.p50} / ${r.firstWait.p90}`],
    [
      'Tepat waktu dipanggil ≤ 15 / 30 / 60 mnt / on-time called within',
      `${pct(r.onTime.within15)} / ${pct(r.onTime.within30)} / ${pct(r.onTime.within60)} (n=${r.onTime.count})`,
    ],
    ['Tunggu terlama prioritas / longest priority wait', `${r.priority.longestWaitMinutes} menit`],
    ['Pemohon terakhir pulang / last applicant leaves', r.lastLeavesAt ?? '—'],
    ['Tidak terlayani / not served', String(r.unserved)],
    ['Loket menganggur / idle counter time', `${r.idleCounterMinutes.total} menit`],
    [
      'Ketepatan perkiraan / estimate accuracy',
      `|galat| p50 ${r.estimate.p50AbsErrorMinutes} mnt, p80 ${r.estimate.p80AbsErrorMinutes} mnt; ` +
        `dalam ±25 % atau ±5 mnt: ${pct(r.estimate.withinTolerance)}`,
    ],
  ];
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Simulasi ${escape(r.day)} — Giliran</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:1120px}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:1rem}
figure{margin:0}svg{width:100%;height:auto}rect{fill:#1d5fa8}line.grid{stroke:#d0d7de}
svg text{font-size:11px;fill:#444}figcaption{font-size:.9rem;color:#333}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:right}
th{background:#f3f5f7}td:first-child,th:first-child{text-align:left}
</style></head><body>
<h1>Simulasi hari ${escape(r.day)} / day simulation — ${escape(config.office.name)}</h1>
<p>Seed ${r.seed}; rencana / plan: ${escape(plan.name ?? '—')}. Tunggu = waktu menunggu di semua tahap / wait = time waiting over all stages.</p>
${table(
  ['', ''],
  summary.map(([a, b]) => [a, b]),
)}
<div class="charts">${charts.join('')}</div>
<h2>Per jam / per hour</h2>
${table(
  ['Jam', 'Datang', 'Antre maks', 'Tunggu p50', 'p90', 'Selesai', 'Loket'],
  r.hours.map((h) => [h.hour, h.arrivals, h.waitingPeak, h.p50, h.p90, h.served, h.countersOpen]),
)}
<h2>Per layanan / per service</h2>
${table(
  ['Layanan', 'Datang', 'Antre maks', 'p50', 'p90', 'Selesai'],
  r.services.map((s) => {
    const svc = config.services.find((x) => x.id === s.serviceId);
    return [
      `${svc?.letter ?? ''} ${svc?.name.id ?? s.serviceId}`,
      s.arrivals,
      s.waitingPeak,
      s.p50,
      s.p90,
      s.served,
    ];
  }),
)}
<h2>Per tahap / per stage</h2>
${table(
  ['Tahap', 'Dilayani', 'Tunggu p50', 'p90', 'max'],
  r.stages.map((s) => [stageName(s.stageId), s.served, s.p50, s.p90, s.max]),
)}
<h2>Rencana loket / staffing plan</h2>
${table(
  [
    'Loket untuk / counters for',
    ...Array.from({ length: planWidth }, (_, i) => `${String(plan.startHour + i).padStart(2, '0')}:00`),
  ],
  plan.rows.map((row) => [
    row.stages.map(stageName).join(' + '),
    ...Array.from({ length: planWidth }, (_, i) => row.counters[i] ?? 0),
  ]),
)}
</body></html>
`;
}
