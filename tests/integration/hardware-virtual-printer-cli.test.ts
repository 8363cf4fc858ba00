import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { encodeTicket, printTicket } from '@giliran/hardware';
import { tempDir } from '../support/temp-dir.ts';
import { ticketData } from '../support/virtual-printer-ticket.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'hardware/src/virtual-printer/cli.ts');

describe('virtual printer CLI', () => {
  let outDir = '';
  let child: ReturnType<typeof spawn> | undefined;
  afterEach(() => {
    if (child?.pid !== undefined && child.exitCode === null) child.kill('SIGTERM');
  });

  it('listens on the given port, prints what it receives and saves it as text', async () => {
    outDir = tempDir('cli', onTestFinished);
    child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--out', outDir, '--quiet'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = child;
    const output: string[] = [];
    const uri = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`CLI did not start: ${output.join('')}`)), 10_000);
      proc.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
      proc.stdout?.on('data', (d: Buffer) => {
        output.push(d.toString());
        const m = /listening on (tcp:\/\/127\.0\.0\.1:\d+)/.exec(output.join(''));
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });

    const result = await printTicket(uri, encodeTicket(ticketData({ number: 'C321' }), { width: 58 }), {
      settleMs: 10,
    });
    expect(result).toMatchObject({ ok: true });

    // The file is written right after the cut; poll briefly instead of sleeping a fixed time.
    let files: string[] = [];
    for (let k = 0; k < 50 && files.length === 0; k++) {
      files = await readdir(outDir);
      if (files.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(files).toHaveLength(1);
    const text = await readFile(path.join(outDir, files[0] ?? ''), 'utf8');
    expect(text).toContain('C321');
    expect(text).toContain('QR: https://antre.imigrasi.example.id/t/q8v2kd7w');
    expect(text.trimEnd().endsWith('CUT')).toBe(true);
    expect(output.join('')).toContain('receipt:');
  });
});
