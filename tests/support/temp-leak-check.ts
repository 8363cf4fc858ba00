import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMP_PREFIX } from './temp-dir.ts';

/**
 * Global setup of Vitest and Playwright: fails the run when its tests leave temporary folders.
 *
 * The run gets a temp folder of its own (TMPDIR, inherited by workers and by the servers and
 * browsers they start), so the check is exact even while other test runs share the machine's
 * /tmp. At the end, every `giliran-*` entry left in it is a leak: the run fails and names them.
 * The run folder is removed either way (other programs' leftovers, e.g. compiler caches, too).
 */
export default function checkTempLeaks(): () => void {
  const previous = process.env.TMPDIR;
  const runDir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}testrun-`));
  // Like /tmp itself: programs tests start as another user (PostgreSQL's initdb) must get in.
  chmodSync(runDir, 0o1777);
  process.env.TMPDIR = runDir;
  return () => {
    const left = leftovers(runDir);
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
    if (left.length) {
      // Vitest only logs an error thrown by a global teardown: the exit code is what fails CI.
      process.exitCode = 1;
      throw new Error(
        `tests left ${left.length} temporary folder(s) behind (clean them up with tests/support/temp-dir.ts): ` +
          left.join(', '),
      );
    }
  };
}

/** The `giliran-*` entries in a temp folder. */
export function leftovers(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith(TEMP_PREFIX))
    .sort();
}
