import type { DemoSample } from './demo/seed-demo.ts';

export interface BannerInfo {
  officeName: string;
  day: string;
  timeZone: string;
  /** How screens on this machine reach the server, e.g. `http://127.0.0.1:8080`. */
  base: string;
  dataDir: string;
  /** Why the clock is not the real one (demo at night, `GILIRAN_CLOCK_START`), or null. */
  clockNote: string | null;
  /** A real office: how many officers exist (none: say how to create the first admin). */
  production?: { officers: number };
  demo?: {
    bookings: number;
    samples: DemoSample[];
    printer: string;
    devices: readonly { name: string; role: 'kiosk' | 'board'; token: string }[];
    officers: readonly string[];
    admin: string;
    password: string;
  };
}

/** What the server prints when it starts: where every screen is, and what to do first. */
export function startupBanner(i: BannerInfo): string[] {
  const out = [`Giliran — ${i.officeName} — ${i.demo ? 'demo day ' : ''}${i.day} (${i.timeZone})`];
  if (i.clockNote) out.push(`  Clock: ${i.clockNote}`);
  const link = (label: string, path: string, note = '') =>
    out.push(`    ${label.padEnd(20)} ${i.base}${path}${note ? `   (${note})` : ''}`);
  if (i.demo) {
    const d = i.demo;
    out.push(`  ${d.bookings} demo bookings (codes start with DEMO); data in ${i.dataDir}`);
    out.push(`  Kiosk printer: ${d.printer}`);
    out.push('  Screens:');
    for (const dev of d.devices)
      link(dev.name, `${dev.role === 'kiosk' ? '/kiosk/' : '/board'}?token=${dev.token}`);
    link('Counter console', '/counter', `officers ${d.officers.join(', ')}; password ${d.password}`);
    link('Dashboard', '/dashboard', `${d.admin} / ${d.password}: import, devices, reports`);
    if (d.samples.length) {
      out.push('  Coba di kiosk / try at the kiosk:');
      for (const s of d.samples) out.push(`    ${sampleLine(s)}`);
    }
  } else {
    out.push('  Screens:');
    link('Dashboard', '/dashboard', 'admin: import bookings, pair kiosks and boards');
    link('Counter console', '/counter');
    link('Board', '/board', 'pair with a code from the dashboard');
    link('Kiosk', '/kiosk/', 'pair with a code from the dashboard');
    out.push(`  Data in ${i.dataDir}`);
    if (i.production?.officers === 0)
      out.push(
        '  Belum ada petugas / no officer yet — create the first admin:',
        '    npm run admin -- create-user --role admin USERNAME',
      );
  }
  out.push(`  Health: ${i.base}/api/health`);
  return out;
}

function sampleLine(s: DemoSample): string {
  const who = `code ${s.code}  or NIK ${s.nik}`;
  if (s.kind === 'family') return `${who}  a family of ${s.members} on one account, ${s.window}`;
  if (s.kind === 'other_date') return `${who}  booked for ${s.date}: the kiosk says so`;
  return `${who}  ${s.window}, checks in now`;
}
