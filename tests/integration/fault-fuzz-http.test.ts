import { connect as tcp } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessage, ROUTE_ROLES } from '@giliran/shared';
import type { App } from '@giliran/server';
import { CREDENTIALS, runFuzzHttp } from '../bench/fuzz-http.ts';
import { queueFingerprint } from '../bench/fuzz.ts';
import { startSeededApp } from '../bench/lib.ts';
import { api, login } from '../support/clients.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';

// Every HTTP route from every role, fed malformed requests: the server stays up, answers each with
// the right refusal (a JSON error with the catalogue's message), and changes nothing.
describe('fault: fuzzed HTTP requests', () => {
  it('answers ~1,500 fuzzed requests over every route × every credential correctly', async () => {
    const res = await runFuzzHttp({ requests: 1_500, seed: 5 });
    expect(res.failures, res.failures.join('\n')).toEqual([]);
    expect(res.failureCount).toBe(0);
    expect(res.mutatingAccepted).toEqual([]);
    expect(res.requests).toBe(1_500);
    expect(Object.keys(res.byStatus).filter((s) => !/^[234]\d\d$/.test(s))).toEqual([]);
    expect(res.stateUnchanged).toBe(true);
    expect(res.prototypePolluted).toBe(false);
    expect(res.healthyAfter).toBe(true);
    // Coverage, from the counts: the test fails if the generator stops reaching a route or role.
    expect(res.uncovered).toEqual([]);
    for (const route of Object.keys(ROUTE_ROLES)) {
      expect(res.byRoute[route] ?? 0, route).toBeGreaterThan(50);
      expect(res.reachedHandler[route] ?? 0, `${route} handler`).toBeGreaterThan(10);
    }
    expect(res.byRoute['unknown path'] ?? 0).toBeGreaterThan(20);
    for (const c of CREDENTIALS) expect(res.byCredential[c] ?? 0, c).toBeGreaterThan(30);
    for (const kind of ['method', 'path', 'query', 'target', 'head', 'unknown path'])
      expect(res.byKind[kind] ?? 0, kind).toBeGreaterThan(10);
    for (const kind of ['schema', 'syntax', 'utf8', 'huge', 'empty', 'junk'])
      expect(res.byKind[`body:${kind}`] ?? 0, kind).toBeGreaterThan(3);
    for (const kind of ['row', 'duplicate', 'structure', 'encoding', 'empty'])
      expect(res.byKind[`import:${kind}`] ?? 0, kind).toBeGreaterThan(0);
    for (const status of ['200', '400', '401', '403', '404', '405', '431'])
      expect(res.byStatus[status] ?? 0, status).toBeGreaterThan(0);
    expect(res.accepted).toBe(res.byStatus['200']);
  });

  // The server bugs the fuzzer found, one focused test each.
  describe('found by the fuzzer', () => {
    let dir: string;
    let app: App;
    let url: string;
    let admin: string;
    beforeAll(async () => {
      dir = makeTempDir('fuzz-http');
      ({ app, url } = await startSeededApp(dir));
      admin = await login(url, 'admin');
    });
    afterAll(async () => {
      await app?.close();
      removeTempDir(dir);
    });

    /** Writes raw bytes on a fresh connection; resolves with what came back before it closed. */
    function raw(bytes: string): Promise<{ status: number; headers: string; body: string }> {
      return new Promise((ok, fail) => {
        const socket = tcp(Number(new URL(url).port), '127.0.0.1');
        let text = '';
        const timer = setTimeout(() => {
          socket.destroy();
          fail(new Error(`no answer to ${JSON.stringify(bytes.slice(0, 40))}`));
        }, 5_000);
        socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
        socket.on('close', () => {
          clearTimeout(timer);
          const at = text.indexOf('\r\n\r\n');
          const head = text.slice(0, at);
          let body = text.slice(at + 4);
          if (/transfer-encoding: chunked/i.test(head)) {
            let plain = '';
            for (let size = parseInt(body, 16); size > 0; size = parseInt(body, 16)) {
              const start = body.indexOf('\r\n') + 2;
              plain += body.slice(start, start + size);
              body = body.slice(start + size + 2);
            }
            body = plain;
          }
          ok({ status: Number(head.split(' ')[1]), headers: head, body });
        });
        socket.on('error', () => undefined);
        socket.end(Buffer.from(bytes, 'latin1'));
      });
    }

    const jsonError = (body: string) =>
      (JSON.parse(body) as { error: { code: string; message: string } }).error;

    it('answers a request target that is not a URL (`//[`) with a 400 instead of crashing', async () => {
      for (const target of ['//[', 'http://[', '//%'])
        for (const method of ['GET', 'POST']) {
          const r = await raw(`${method} ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`);
          expect(r.status, target).toBe(400);
          expect(jsonError(r.body).code).toBe('invalid_payload');
        }
      expect((await api(url, 'GET', '/api/health')).status).toBe(200);
    });

    it("answers requests Node's parser refuses with a JSON error (HEAD without a body)", async () => {
      const cases = [
        { req: 'FUZZ /api/health HTTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
        { req: 'GET /api/track/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
        { req: `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Pad: ${'p'.repeat(20_000)}\r\n\r\n`, status: 431 },
      ];
      for (const c of cases) {
        const r = await raw(c.req);
        expect(r.status, c.req.slice(0, 30)).toBe(c.status);
        const error = jsonError(r.body);
        expect(error.code).toBe('invalid_payload');
        expect(error.message).toBe(errorMessage('invalid_payload', { detail: 'malformed HTTP request' }));
      }
      const head = await raw(`HEAD /api/health HTTP/1.1\r\nHost: x\r\nX-Pad: ${'p'.repeat(20_000)}\r\n\r\n`);
      expect(head.status).toBe(431);
      expect(head.body).toBe('');
    });

    it('refuses a method a path does not take with the catalogue message and an Allow header', async () => {
      const r = await raw('PUT /api/admin/users HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n');
      expect(r.status).toBe(405);
      expect(r.headers.toLowerCase()).toContain('allow: post');
      expect(jsonError(r.body).message).toBe(
        errorMessage('invalid_payload', { detail: 'method PUT not allowed' }),
      );
    });

    it('refuses a JSON body that is not UTF-8 instead of storing U+FFFD', async () => {
      const before = queueFingerprint(app);
      const bodies = [
        ['/api/admin/pairing-codes', '{"role":"kiosk","name":"Kiosk \xff"}'],
        [
          '/api/admin/users',
          '{"username":"fuzzer","displayName":"\xc3","password":"giliran-demo","role":"admin"}',
        ],
        ['/api/login', '{"username":"admin","password":"giliran-demo\xed\xa0\x80"}'],
      ] as const;
      for (const [path, body] of bodies) {
        const r = await api<{ error: { code: string; message: string } }>(url, 'POST', path, {
          token: admin,
          body: Buffer.from(body, 'latin1'),
          contentType: 'application/json',
        });
        expect(r.status, path).toBe(400);
        expect(r.body.error.message).toBe(errorMessage('invalid_payload', { detail: 'body is not UTF-8' }));
      }
      expect(queueFingerprint(app)).toBe(before);
      // Real UTF-8 still works.
      const ok = await api(url, 'POST', '/api/admin/pairing-codes', {
        token: admin,
        body: { role: 'kiosk', name: 'Kiosk Lobi Selatan – Café' },
      });
      expect(ok.status).toBe(200);
    });
  });
});
