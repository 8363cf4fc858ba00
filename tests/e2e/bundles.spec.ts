import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot, requireDisplayBuild } from './support.ts';

/**
 * The screens that TVs, phones and kiosks load must not carry zod: shared/ is side-effect free and
 * keeps its schemas apart from the run-time rules (shared/README.md). A stray import of a schema
 * module from a screen brings back ~100 KB; this catches it on the built bundles.
 */
function entryChunk(dir: string): string {
  const name = readdirSync(dir).find((f) => /^index-.*\.js$/.test(f));
  if (!name) throw new Error(`no index-*.js in ${dir}`);
  return readFileSync(join(dir, name), 'utf8');
}

test('the board/counter/phone bundle and the kiosk bundle ship without zod', () => {
  requireDisplayBuild();
  const screens = entryChunk(join(repoRoot, 'display/dist/assets'));
  const kiosk = entryChunk(join(repoRoot, 'kiosk/dist/renderer/assets'));
  // `ZodError` is the name every zod build carries in its error class.
  expect(screens.includes('ZodError')).toBe(false);
  expect(kiosk.includes('ZodError')).toBe(false);
  // And the check really looks at real bundles: the app's own code is there.
  expect(screens).toContain('queue:changes');
});
