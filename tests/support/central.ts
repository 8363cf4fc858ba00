import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import type { OfficeConfig } from '@giliran/shared';
import { addOffice, addViewer, createPool, issueOfficeToken, migrate, type Pool } from '@giliran/central';
import { findPgBin, startCluster, TEST_SETTINGS, type Cluster } from '@giliran/central/dev';
import { createApp, loadOfficeConfig, seedDemo, type App, type Clock } from '@giliran/server';
import { withLoadLimits } from '../bench/lib.ts';
import { freePort } from './server-process.ts';
import { makeTempDir } from './temp-dir.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

/**
 * Why central tests cannot run here, or null when they can. Only the absence of PostgreSQL's
 * binaries is a reason (CI installs them with scripts/install-debian-packages.sh).
 */
export function postgresMissing(): string | null {
  return findPgBin()
    ? null
    : 'PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (install the Debian package "postgresql")';
}

/** A throwaway cluster in a temp folder on a random loopback port; `destroy()` removes it. */
export async function startTestCluster(): Promise<Cluster> {
  return startCluster({ dir: makeTempDir('pg'), settings: TEST_SETTINGS });
}

export const VIEWER_PASSWORD = 'pusat-rahasia-1';

/**
 * A fresh database on the cluster, migrated, with offices (code → region) and a token each, a
 * directorate viewer `direktorat` and a regional viewer `kanwil-<region>` per region.
 */
export async function seedCentral(
  cluster: Cluster,
  name: string,
  offices: Record<string, string>,
): Promise<{ databaseUrl: string; pool: Pool; tokens: Record<string, string> }> {
  const databaseUrl = await cluster.createDatabase(name);
  const pool = createPool(databaseUrl, 4);
  await migrate(pool);
  const tokens: Record<string, string> = {};
  for (const [code, region] of Object.entries(offices)) {
    await addOffice(pool, { code, name: `Kantor Imigrasi ${code}`, region });
    tokens[code] = (await issueOfficeToken(pool, code)).token;
  }
  await addViewer(pool, {
    username: 'direktorat',
    displayName: 'Direktorat Lalu Lintas',
    role: 'directorate',
    region: null,
    password: VIEWER_PASSWORD,
  });
  for (const region of new Set(Object.values(offices)))
    await addViewer(pool, {
      username: `kanwil-${region.toLowerCase().replace(/\s+/g, '-')}`,
      displayName: `Kanwil ${region}`,
      role: 'regional',
      region,
      password: VIEWER_PASSWORD,
    });
  return { databaseUrl, pool, tokens };
}

export interface CentralProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The real central service (`central/src/main.ts`) as a child process; resolves once healthy. `nice`: its CPU priority. */
export async function startCentralProcess(
  databaseUrl: string,
  port?: number,
  opts: { nice?: number } = {},
): Promise<CentralProcess> {
  const p = port ?? (await freePort());
  const node = [process.execPath, '--import', 'tsx', join(repoRoot, 'central/src/main.ts')];
  // `nice` execs node: the child's pid stays the service's.
  const [command, ...args] = opts.nice ? ['nice', '-n', String(opts.nice), ...node] : node;
  const child = spawn(command as string, args, {
    cwd: repoRoot,
    env: { ...process.env, CENTRAL_DATABASE_URL: databaseUrl, PORT: String(p), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (b: Buffer) => output.push(...b.toString('utf8').split('\n').filter(Boolean));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`central exited (${child.exitCode}):\n${output.join('\n')}`);
    const healthy = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1_000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`central did not become healthy:\n${output.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port: p,
    child,
    output,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill(signal);
      }),
  };
}

/** A viewer's session token (the JSON sign-in). */
export async function centralLogin(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: VIEWER_PASSWORD }),
  });
  if (!res.ok) throw new Error(`central login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/**
 * A link between an office and central that can be cut: a TCP relay on a loopback port. `cut()`
 * drops every connection and refuses new ones; `restore()` listens again on the same port.
 */
export class Link {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly targetPort: number) {}

  async open(): Promise<this> {
    this.server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((ok) => this.server?.listen(this.port, '127.0.0.1', ok));
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : this.port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  async cut(): Promise<void> {
    const s = this.server;
    this.server = null;
    for (const sock of this.sockets) sock.destroy();
    await new Promise<void>((ok) => (s ? s.close(() => ok()) : ok()));
  }

  async restore(): Promise<void> {
    await this.open();
  }
}

/**
 * The office configuration (Denpasar's) with another code/time zone and a `central` section; its
 * kiosks may issue tickets as fast as the tests drive them (a day in seconds).
 */
export function officeConfig(
  code: string,
  centralUrl: string,
  over: { timeZone?: string; retryMaxSeconds?: number; batchSize?: number } = {},
): OfficeConfig {
  const base = withLoadLimits(loadOfficeConfig());
  return {
    ...base,
    office: { ...base.office, code, timeZone: over.timeZone ?? base.office.timeZone },
    central: {
      url: centralUrl,
      tokenFile: 'central.token',
      batchSize: over.batchSize ?? 50,
      retryMaxSeconds: over.retryMaxSeconds ?? 0.5,
    },
  };
}

/** An office server in this process with the demo seeded, its token file written, on a loopback port. */
export async function startOffice(
  config: OfficeConfig,
  token: string,
  clock: Clock,
): Promise<{ app: App; url: string; dataDir: string }> {
  const dataDir = makeTempDir(`office-${config.office.code}`);
  writeFileSync(join(dataDir, 'central.token'), `${token}\n`);
  const app = createApp({ config, dataDir, clock, printer: null });
  await seedDemo(app, { kioskPrinterUri: null });
  const port = await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${port}`, dataDir };
}

export { officeTraffic } from '@giliran/central/dev';
