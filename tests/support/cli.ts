import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');

export type CliName = 'import' | 'admin' | 'check-config' | 'backup' | 'restore';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout + stderr, in arrival order. */
  out: string;
}

/**
 * Runs one of the server's commands as a user would: by default the source file through tsx
 * (fast), or `npm run NAME -- …` from the repository root with `viaNpm` (what the README says).
 * `stdin` is written and closed (a password for the admin command). Bounded by `timeoutMs`.
 */
export function runCli(
  name: CliName,
  args: string[],
  opts: {
    dataDir?: string;
    stdin?: string;
    env?: Record<string, string>;
    viaNpm?: boolean;
    cwd?: string;
    timeoutMs?: number;
  } = {},
): Promise<CliRun> {
  const [command, argv] = opts.viaNpm
    ? ['npm', ['run', name, '--', ...args]]
    : [process.execPath, ['--import', 'tsx', join(repoRoot, `server/src/cli/${name}.ts`), ...args]];
  return new Promise((ok, fail) => {
    const child = spawn(command, argv, {
      cwd: opts.cwd ?? repoRoot,
      env: {
        ...process.env,
        ...(opts.dataDir ? { GILIRAN_DATA_DIR: opts.dataDir } : {}),
        ...opts.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      out += c.toString();
    });
    child.stdin.end(opts.stdin ?? '');
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${name} ${args.join(' ')} timed out:\n${out}`));
    }, opts.timeoutMs ?? 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      ok({ code, stdout, stderr, out });
    });
  });
}
