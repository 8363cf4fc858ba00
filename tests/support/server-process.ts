import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { makeTempDir, removeTempDir } from './temp-dir.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

/** A free loopback port (bound then released). */
export async function freePort(): Promise<number> {
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

export interface ServerProcessOptions {
  dataDir?: string;
  port?: number;
  /**
   * Seed the demo day (bookings, demo devices and officers). Default true. `'unset'` starts the
   * server as `npm start` and a systemd unit do: no GILIRAN_DEMO at all.
   */
  demo?: boolean | 'unset';
  /** Office-local start time of the server's clock, e.g. `2026-11-28T09:00` (WITA); it then runs. */
  clockStart?: string;
  env?: Record<string, string>;
  /**
   * `source` (default) runs `server/src/main.ts` through tsx; `built` runs the production bundle
   * `server/dist/main.mjs` (`npm run build --workspace server`), as `npm start` does.
   */
  entry?: 'source' | 'built';
}

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Lines the server printed (stdout + stderr). */
  output: string[];
  /** Stops the process; its data folder stays (a test may restart on it). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the process and removes its data folder if this helper made it (also after a restart on it). */
  close(signal?: NodeJS.Signals): Promise<void>;
}

/** Data folders this helper created; `close()` removes them, whichever process last used them. */
const madeDataDirs = new Set<string>();

/**
 * Starts the real office server (`server/src/main.ts`) as a child process on a loopback port and
 * waits until `GET /api/health` answers ok. Bounded: fails after `timeoutMs`.
 */
export async function startServerProcess(
  opts: ServerProcessOptions = {},
  timeoutMs = 20_000,
): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  let dataDir = opts.dataDir;
  if (!dataDir) {
    dataDir = makeTempDir('server');
    madeDataDirs.add(dataDir);
  }
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    GILIRAN_DATA_DIR: dataDir,
    GILIRAN_DEMO: opts.demo === false ? '0' : '1',
    ...(opts.clockStart ? { GILIRAN_CLOCK_START: opts.clockStart } : {}),
    ...opts.env,
  };
  if (opts.demo === 'unset') delete env.GILIRAN_DEMO;
  // GILIRAN_SERVER_NODE_ARGS adds Node flags to the server only, e.g. `--cpu-prof` when profiling a bench.
  const nodeArgs = (process.env.GILIRAN_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // The built server starts through the same script as `npm start` (its runtime tuning included);
  // the script execs node, so the child's pid is the server's (the bench samples its memory).
  if (opts.entry === 'built' && nodeArgs.length) env.GILIRAN_NODE_FLAGS = nodeArgs.join(' ');
  const [command, args] =
    opts.entry === 'built'
      ? ['sh', [join(repoRoot, 'server/bin/giliran-server')]]
      : [process.execPath, [...nodeArgs, '--import', 'tsx', join(repoRoot, 'server/src/main.ts')]];
  const child = spawn(command, args, {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      forget(dataDir);
      throw new Error(`server exited (${child.exitCode}):\n${output.join('\n')}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      forget(dataDir);
      throw new Error(`server did not become healthy in ${timeoutMs} ms:\n${output.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((ok) => {
      if (child.exitCode !== null || child.signalCode !== null) return ok();
      child.once('exit', () => ok());
      child.kill(signal);
    });
  const dir = dataDir;
  return {
    url,
    port,
    dataDir: dir,
    child,
    output,
    stop,
    close: async (signal) => {
      await stop(signal);
      forget(dir);
    },
  };
}

/** Removes a data folder this helper made (a no-op for folders the caller gave). */
function forget(dir: string): void {
  if (madeDataDirs.delete(dir)) removeTempDir(dir);
}
