import { describe, expect, it } from 'vitest';
import type { RateLimits } from '@giliran/shared';
import { ManualClock } from '../clock.ts';
import { openDatabase } from '../store/database.ts';
import { AuthRepo } from './auth-repo.ts';
import { clientAddress, SignIn } from './sign-in.ts';

const LIMITS: RateLimits = {
  nikLookupsPerKiosk: { max: 10, perSeconds: 60 },
  bookingCodeLookupsPerKiosk: { max: 20, perSeconds: 60 },
  ticketsPerKiosk: { max: 20, perSeconds: 60 },
  staffCallsPerDevice: { max: 5, perSeconds: 60 },
  loginFailuresPerUser: { max: 5, perSeconds: 300 },
  loginFailuresPerAddress: { max: 10, perSeconds: 300 },
  loginFailuresPerOffice: { max: 30, perSeconds: 60 },
  pairingFailuresPerAddress: { max: 5, perSeconds: 60 },
  pairingFailuresPerOffice: { max: 20, perSeconds: 60 },
  pairingCodeMaxFailures: 10,
};

describe('SignIn', () => {
  it('refuses a locked username or address before any password is checked', async () => {
    const auth = new AuthRepo(openDatabase(':memory:'));
    const clock = new ManualClock(1_000_000);
    await auth.createUser(
      { username: 'ani', displayName: 'Ani', password: 'rahasia-123', role: 'counter' },
      0,
    );
    let checked = 0;
    const login = auth.login.bind(auth);
    auth.login = (...a: Parameters<AuthRepo['login']>) => {
      checked++;
      return login(...a);
    };
    const notes: [string, string][] = [];
    const signIn = new SignIn(auth, LIMITS, clock, (actor, action) => notes.push([actor, action]));
    for (let i = 0; i < 5; i++)
      await expect(signIn.login('ani', 'salah', '10.0.0.9')).rejects.toMatchObject({ code: 'login_failed' });
    expect(checked).toBe(5);
    await expect(signIn.login('ANI', 'rahasia-123', '10.0.0.7')).rejects.toMatchObject({
      code: 'too_many_attempts',
      params: { seconds: 300 },
    });
    expect(checked).toBe(5); // no scrypt run for a refused attempt
    expect(notes.filter(([, a]) => a === 'auth.login_failed')).toHaveLength(5);
    expect(notes.filter(([, a]) => a === 'auth.login_locked')).toEqual([
      ['address:10.0.0.9', 'auth.login_locked'],
    ]);
    clock.advance(300_000);
    expect((await signIn.login('ani', 'rahasia-123', '10.0.0.7')).principal.username).toBe('ani');
  });

  it('counts attempts that arrive together: no more than 5 are checked, whatever the concurrency', async () => {
    const auth = new AuthRepo(openDatabase(':memory:'));
    await auth.createUser(
      { username: 'budi', displayName: 'Budi', password: 'rahasia-123', role: 'counter' },
      0,
    );
    let checked = 0;
    const login = auth.login.bind(auth);
    auth.login = (...a: Parameters<AuthRepo['login']>) => {
      checked++;
      return login(...a);
    };
    const signIn = new SignIn(auth, LIMITS, new ManualClock(0), () => {});
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        signIn.login('budi', `salah-${i}`, `10.0.1.${i}`).then(
          () => 'ok',
          (e: { code: string }) => e.code,
        ),
      ),
    );
    expect(checked).toBe(5);
    expect(outcomes.filter((o) => o === 'login_failed')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'too_many_attempts')).toHaveLength(7);
  });

  it('an officer signing in during an attack does not lift the office-wide lock', async () => {
    const auth = new AuthRepo(openDatabase(':memory:'));
    await auth.createUser(
      { username: 'citra', displayName: 'Citra', password: 'rahasia-123', role: 'counter' },
      0,
    );
    const limits = { ...LIMITS, loginFailuresPerOffice: { max: 3, perSeconds: 60 } };
    const signIn = new SignIn(auth, limits, new ManualClock(0), () => {});
    for (let i = 0; i < 3; i++)
      await expect(signIn.login(`tamu${i}`, 'salah', `10.0.2.${i}`)).rejects.toMatchObject({
        code: 'login_failed',
      });
    for (let i = 0; i < 3; i++)
      expect((await signIn.login('citra', 'rahasia-123', '10.0.3.1')).principal.name).toBe('Citra');
    await expect(signIn.login('tamu9', 'salah', '10.0.2.9')).rejects.toMatchObject({
      code: 'too_many_attempts',
      params: { seconds: 60 },
    });
  });

  it('reads IPv4 addresses the way people write them', () => {
    expect(clientAddress('::ffff:10.0.0.5')).toBe('10.0.0.5');
    expect(clientAddress('fe80::1')).toBe('fe80::1');
    expect(clientAddress(undefined)).toBe('unknown');
  });
});
