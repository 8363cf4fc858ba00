import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const dir = tempDir('check-config', afterAll);

describe('npm run check-config -- FILE', () => {
  it('says OK in one line for a valid file', async () => {
    const r = await runCli('check-config', [join(repoRoot, 'server/config/denpasar.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(
      /^OK .*denpasar\.json: Kantor Imigrasi Kelas I TPI Denpasar \(DPS\), Asia\/Makassar, 07:30–16:00, 6 services, 8 counters/,
    );
  });

  it('names each bad field and exits 1', async () => {
    const cfg = JSON.parse(readFileSync(join(repoRoot, 'server/config/denpasar.json'), 'utf8')) as {
      office: { timeZone: string };
      services: { route: string[] }[];
    };
    cfg.office.timeZone = 'Asia/Denpasar';
    cfg.services[2]!.route[0] = 'fotto';
    const file = join(dir, 'office.json');
    writeFileSync(file, JSON.stringify(cfg));
    const r = await runCli('check-config', [file], { viaNpm: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('office.timeZone: an IANA time zone such as Asia/Makassar');
    expect(r.stderr).toContain('services[2].route[0]: unknown stage "fotto"');
    expect(r.out).not.toMatch(/npm (error|ERR!)|\n\s+at /);
  });

  it('says so when the file cannot be read', async () => {
    const r = await runCli('check-config', [join(dir, 'missing.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read the file');
  });
});
