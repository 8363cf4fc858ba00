import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/**
 * Starts the packaged-style kiosk (dist/main/main.js) in the real Electron binary against a real
 * server and checks the window reached the kiosk page. Runs only where the binary is installed:
 * `npm install` here uses ELECTRON_SKIP_BINARY_DOWNLOAD, and the binary cannot be downloaded.
 */

const repoRoot = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

function electronBinary(): string | null {
  try {
    // The electron package exports the binary's path, or throws when it was never downloaded.
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  console.log(
    'Electron smoke test skipped: the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD)',
  );
}

describe('kiosk in Electron', () => {
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.close();
  });

  it.skipIf(!binary)(
    'opens the kiosk page from the server and logs no blocked navigation',
    async () => {
      const built = join(repoRoot, 'kiosk/dist/main/main.js');
      expect(existsSync(built), 'run `npm run build:electron --workspace kiosk` first').toBe(true);
      server = await startServerProcess({});
      const child = spawn(binary!, [join(repoRoot, 'kiosk'), '--no-sandbox'], {
        env: {
          ...process.env,
          GILIRAN_SERVER_URL: server.url,
          GILIRAN_KIOSK_MODE: '0',
          GILIRAN_PRINTER_URI: '',
          ELECTRON_ENABLE_LOGGING: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: string[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b.toString()));
      child.stderr.on('data', (b: Buffer) => out.push(b.toString()));
      try {
        // Main logs when the locked-down window has rendered the server's kiosk page.
        const ready = `kiosk: window ready (${server.url}/kiosk/)`;
        const deadline = Date.now() + 20_000;
        while (Date.now() < deadline && child.exitCode === null && !out.join('').includes(ready)) {
          await new Promise((r) => setTimeout(r, 200));
        }
        expect(out.join(''), 'Electron output').toContain(ready);
        expect(child.exitCode, out.join('')).toBeNull();
        expect(out.join('')).not.toContain('blocked navigation');
      } finally {
        child.kill('SIGTERM');
      }
    },
    40_000,
  );
});
