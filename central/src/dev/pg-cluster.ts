import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster for tests, the benchmark and the demo: `initdb` into a folder,
 * `pg_ctl` on a loopback port (no Unix socket), trust authentication for the one local user
 * `giliran`. Never for production: there, point CENTRAL_DATABASE_URL at a managed PostgreSQL.
 * When run as root (CI containers), PostgreSQL refuses to; the cluster then runs as the `postgres`
 * user that Debian's package creates.
 */
export interface Cluster {
  dir: string;
  port: number;
  /** `postgres://giliran@127.0.0.1:<port>/<database>` */
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl restart -m fast`: every connection is cut, the data stays. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its folder. */
  destroy(): Promise<void>;
}

export interface ClusterOptions {
  /** Folder for the cluster's data; created (default: a new folder under the OS temp dir). */
  dir: string;
  port?: number;
  /** postgresql.conf settings, e.g. `{ fsync: 'off' }` for tests. */
  settings?: Record<string, string | number>;
}

/** The folder holding initdb and pg_ctl (newest version installed), or null when there is none. */
export function findPgBin(): string | null {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'pg_ctl'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/** Settings for a test cluster: fast, not durable against power loss (nothing there must be). */
export const TEST_SETTINGS = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  shared_buffers: '32MB',
  max_connections: 40,
};

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('Running as root, and there is no "postgres" user to run PostgreSQL as.');
  }
}

/** Creates (initdb) the cluster when its folder has none, and starts it. */
export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const bin = findPgBin();
  if (!bin)
    throw new Error('PostgreSQL is not installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin).');
  const as = postgresUser();
  const exec = async (tool: string, args: string[], timeoutMs = 60_000) => {
    try {
      return await run(join(bin, tool), args, {
        timeout: timeoutMs,
        ...(as ? { uid: as.uid, gid: as.gid } : {}),
        env: { ...process.env, LC_ALL: 'C' },
      });
    } catch (e) {
      const err = e as Error & { stderr?: string; stdout?: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${err.stderr || err.stdout || err.message}`);
    }
  };
  const dir = opts.dir;
  const pgdata = join(dir, 'pgdata');
  const log = join(dir, 'postgres.log');
  mkdirSync(dir, { recursive: true });
  if (as) chownSync(dir, as.uid, as.gid);
  const port = opts.port ?? (await freeLoopbackPort());
  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    await exec('initdb', [
      '-D',
      pgdata,
      '-U',
      'giliran',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    const settings: Record<string, string | number> = {
      listen_addresses: "'127.0.0.1'",
      unix_socket_directories: "''",
      ...Object.fromEntries(Object.entries(opts.settings ?? {}).map(([k, v]) => [k, v])),
    };
    appendFileSync(
      join(pgdata, 'postgresql.conf'),
      `\n# giliran throwaway cluster\n${Object.entries(settings)
        .map(([k, v]) => `${k} = ${v}`)
        .join('\n')}\n`,
    );
  }
  const pgCtl = (...args: string[]) => exec('pg_ctl', ['-D', pgdata, ...args]);
  const start = async () => {
    await pgCtl('start', '-w', '-t', '60', '-l', log, '-o', `-p ${port}`);
  };
  await start();
  const url = (database = 'postgres') => `postgres://giliran@127.0.0.1:${port}/${database}`;
  const cluster: Cluster = {
    dir,
    port,
    url,
    createDatabase: async (name) => {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    restart: async () => {
      await pgCtl('restart', '-w', '-t', '60', '-m', 'fast', '-l', log, '-o', `-p ${port}`);
    },
    stop: async () => {
      if (existsSync(join(pgdata, 'postmaster.pid'))) await pgCtl('stop', '-w', '-t', '60', '-m', 'fast');
    },
    start,
    destroy: async () => {
      await cluster.stop().catch(() => pgCtl('stop', '-m', 'immediate').catch(() => undefined));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/**
 * Stops a cluster left running in `dir` by an earlier run that was killed before it could stop it
 * (pg_ctl's server outlives its parent). Nothing when there is none.
 */
export async function stopLeftoverCluster(dir: string): Promise<void> {
  const pgdata = join(dir, 'pgdata');
  const bin = findPgBin();
  if (!bin || !existsSync(join(pgdata, 'postmaster.pid'))) return;
  const as = postgresUser();
  await run(join(bin, 'pg_ctl'), ['-D', pgdata, 'stop', '-m', 'fast', '-w', '-t', '30'], {
    ...(as ? { uid: as.uid, gid: as.gid } : {}),
  }).catch(() => undefined);
}

/** The last lines of the cluster's server log (for a failing test's message). */
export function clusterLog(cluster: Cluster, lines = 20): string {
  try {
    return readFileSync(join(cluster.dir, 'postgres.log'), 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
