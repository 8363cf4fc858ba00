import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { benchDay, command, connect, rssMb } from '../bench/lib.ts';
import { api, login } from '../support/clients.ts';

// A board with a flaky cable: hundreds of connect/disconnect cycles must not grow the server.
describe('fault: a board floods reconnects', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({
      clockStart: `${benchDay()}T09:30`,
      env: { GILIRAN_DEMO_PRINTER: 'tcp://127.0.0.1:9' },
    });
  });
  afterAll(async () => {
    await server?.close('SIGKILL');
  });

  let snapshots = 0;
  async function cycles(n: number, parallel: number): Promise<void> {
    for (let i = 0; i < n; i += parallel) {
      await Promise.all(
        Array.from({ length: Math.min(parallel, n - i) }, async () => {
          const s = await connect(
            server.url,
            { token: 'demo-board-1' },
            { reconnection: false, on: { 'queue:snapshot': () => snapshots++ } },
          );
          s.close();
        }),
      );
    }
  }

  it('stays healthy and memory bounded over 400 connect/disconnect cycles', async () => {
    const pid = server.child.pid as number;
    await cycles(50, 25); // warm-up: JIT, pools
    const before = rssMb(pid);
    const t0 = performance.now();
    await cycles(400, 25);
    const ms = performance.now() - t0;
    expect(snapshots).toBeGreaterThan(0);
    const after = rssMb(pid);
    expect(after - before, `RSS ${before.toFixed(1)} → ${after.toFixed(1)} MB`).toBeLessThan(40);
    expect(ms).toBeLessThan(30_000);
    expect(server.child.exitCode).toBeNull();
    expect((await api(server.url, 'GET', '/api/health')).status).toBe(200);
    // Still serving: a counter can call, a fresh board gets its snapshot.
    const counter = await connect(server.url, { token: await login(server.url, 'petugas1') });
    expect((await command(counter, 'counter:open', { counterId: 'loket-1' })).ok).toBe(true);
    const board = await connect(server.url, { token: 'demo-board-1' });
    const devices = await api<{ connected: boolean }[]>(server.url, 'GET', '/api/devices', {
      token: await login(server.url, 'admin'),
    });
    expect(devices.status).toBe(200);
    counter.close();
    board.close();
  }, 60_000);
});
