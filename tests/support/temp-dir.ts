import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Temporary folders of tests: always `giliran-<label>-XXXXXX` in the system temp folder, so the
 * leak check (`temp-leak-check.ts`) can tell ours from other programs' files.
 */
export const TEMP_PREFIX = 'giliran-';

/** A fresh temporary folder the caller removes (with `removeTempDir`). */
export function makeTempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${label}-`));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * A fresh temporary folder removed by the hook given: Vitest's `onTestFinished` (inside a test),
 * `afterAll`/`afterEach` (at a file's or describe's top level), or Playwright's `test.afterAll`.
 * Close what holds files in it (a database, a server) in an earlier hook or in the test itself.
 *
 * Example: `const db = openDatabase(join(tempDir('store', onTestFinished), 'giliran.db'))`.
 */
export function tempDir(label: string, cleanUpWith: (fn: () => void) => void): string {
  const dir = makeTempDir(label);
  cleanUpWith(() => removeTempDir(dir));
  return dir;
}
