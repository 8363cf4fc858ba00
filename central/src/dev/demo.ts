/**
 * `npm run demo:central` (what `bash scripts/demo-central.sh` runs): a throwaway PostgreSQL under
 * `<data>/central-demo/postgres`, the central service on :8090, and two demo office servers —
 * Denpasar (DPS, WITA) on :8080 and Surabaya (SBY, WIB) on :8081, their clocks starting at 09:00
 * office time today — shipping to it. Everything under
 * `<data>/central-demo` is made fresh on every start. Options: `--day N` puts N applicants through
 * each office at start (default 12; 0 for none), `--pause MS` between them.
 * Environment: GILIRAN_DATA_DIR (./data), CENTRAL_PORT (8090), OFFICE_PORTS ("8080,8081").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { officeDay } from '@giliran/shared';
import { createCentralApp } from '../app.ts';
import { addOffice, addViewer, issueOfficeToken } from '../auth.ts';
import { createPool } from '../db.ts';
import { migrate } from '../migrate.ts';
import { officeTraffic } from './office-traffic.ts';
import { startCluster, stopLeftoverCluster } from './pg-cluster.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const PASSWORD = 'giliran-demo';

const { values: args } = parseArgs({
  options: { day: { type: 'string', default: '12' }, pause: { type: 'string', default: '300' } },
});

const OFFICES = [
  {
    code: 'DPS',
    name: 'Kantor Imigrasi Kelas I TPI Denpasar',
    region: 'Bali',
    timeZone: 'Asia/Makassar',
  },
  {
    code: 'SBY',
    name: 'Kantor Imigrasi Kelas I Khusus TPI Surabaya',
    region: 'Jawa Timur',
    timeZone: 'Asia/Jakarta',
  },
];

async function main(): Promise<void> {
  const dataRoot = resolve(process.env.INIT_CWD ?? repoRoot, process.env.GILIRAN_DATA_DIR ?? 'data');
  const dir = join(dataRoot, 'central-demo');
  await stopLeftoverCluster(join(dir, 'postgres'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const centralPort = Number(process.env.CENTRAL_PORT ?? 8090);
  const officePorts = (process.env.OFFICE_PORTS ?? '8080,8081').split(',').map(Number);

  console.log(`Starting a throwaway PostgreSQL in ${join(dir, 'postgres')} …`);
  const cluster = await startCluster({ dir: join(dir, 'postgres') });
  const children: ChildProcess[] = [];
  let closing = false;
  const stop = async (code: number) => {
    if (closing) return;
    closing = true;
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    // PostgreSQL outlives this process unless stopped (pg_ctl detaches it); a later start also
    // stops one left behind.
    await cluster.stop().catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  process.once('SIGHUP', () => void stop(0));

  try {
    const pool = createPool(await cluster.createDatabase('giliran_central'));
    await migrate(pool);
    const base = JSON.parse(readFileSync(join(repoRoot, 'server/config/denpasar.json'), 'utf8')) as {
      office: Record<string, string>;
    };
    for (const o of OFFICES) await addOffice(pool, o);
    await addViewer(pool, {
      username: 'direktorat',
      displayName: 'Direktorat Lalu Lintas Keimigrasian',
      role: 'directorate',
      region: null,
      password: PASSWORD,
    });
    await addViewer(pool, {
      username: 'kanwil-bali',
      displayName: 'Kanwil Kemenkumham Bali',
      role: 'regional',
      region: 'Bali',
      password: PASSWORD,
    });
    const app = createCentralApp({ pool, timeZone: 'Asia/Jakarta' });
    await app.listen(centralPort, '127.0.0.1');
    const centralUrl = `http://127.0.0.1:${centralPort}`;

    const offices = await Promise.all(
      OFFICES.map(async (o, i) => {
        const officeDir = join(dir, o.code);
        mkdirSync(officeDir, { recursive: true });
        // The office's configuration: Denpasar's, with its own code, name and zone, pointing at central.
        const config = {
          ...base,
          office: { ...base.office, code: o.code, name: o.name, timeZone: o.timeZone },
          central: { url: `${centralUrl}/`, tokenFile: 'central.token' },
        };
        writeFileSync(join(officeDir, 'office.json'), JSON.stringify(config, null, 2));
        writeFileSync(
          join(officeDir, 'central.token'),
          `${(await issueOfficeToken(pool, o.code, 'demo')).token}\n`,
          {
            mode: 0o600,
          },
        );
        const port = officePorts[i] ?? 8080 + i;
        const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'server/src/main.ts')], {
          cwd: repoRoot,
          env: {
            ...process.env,
            PORT: String(port),
            GILIRAN_DATA_DIR: officeDir,
            GILIRAN_CONFIG: join(officeDir, 'office.json'),
            GILIRAN_DEMO: '1',
            // The demo day starts at 09:00 office time, whatever the hour here: the office is open.
            GILIRAN_CLOCK_START: `${officeDay(Date.now(), o.timeZone)}T09:00`,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        children.push(child);
        const prefix = (b: Buffer) =>
          b
            .toString('utf8')
            .split('\n')
            .filter(Boolean)
            .forEach((l) => console.log(`[${o.code}] ${l}`));
        child.stdout?.on('data', prefix);
        child.stderr?.on('data', prefix);
        child.once('exit', (code) => {
          if (!closing) {
            console.error(`[${o.code}] office server exited (${code})`);
            void stop(1);
          }
        });
        const url = `http://127.0.0.1:${port}`;
        for (let t = 0; ; t++) {
          if (
            await fetch(`${url}/api/health`).then(
              (r) => r.ok,
              () => false,
            )
          )
            break;
          if (t > 300) throw new Error(`${o.code} office server did not start`);
          await new Promise((r) => setTimeout(r, 100));
        }
        return { ...o, url };
      }),
    );

    console.log('\nGiliran Central demo');
    console.log(
      `  Central dashboard   ${centralUrl}/   (direktorat: every office; kanwil-bali: Bali only; password ${PASSWORD})`,
    );
    for (const o of offices)
      console.log(`  ${o.code} office server   ${o.url}/dashboard   (${o.name}, ${o.timeZone})`);
    console.log(`  PostgreSQL          ${cluster.url('giliran_central')}`);
    console.log(
      '  Stop with Ctrl-C. Without central an office keeps working: its events wait in its outbox and follow later.\n',
    );

    const day = Number(args.day);
    if (day > 0) {
      const results = await Promise.all(
        offices.map((o) =>
          officeTraffic(o.url, { tickets: day, noShowEvery: 5, pauseMs: Number(args.pause) }),
        ),
      );
      offices.forEach((o, i) =>
        console.log(`  ${o.code}: ${JSON.stringify(results[i])} — on the central dashboard within seconds`),
      );
    }
  } catch (e) {
    console.error('demo failed:', (e as Error).message);
    await stop(1);
  }
}

void main();
