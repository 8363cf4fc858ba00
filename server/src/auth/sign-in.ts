import { AppError, type RateLimits } from '@giliran/shared';
import type { Clock } from '../clock.ts';
import type { AuthRepo, Principal } from './auth-repo.ts';
import { RateLimiter, retryAfterSeconds } from './rate-limiter.ts';

/** Writes one audit row (who, what, details); `QueueService.note` in the app. */
export type AuditNote = (actor: string, action: string, detail: Record<string, unknown>) => void;

/**
 * Officers' sign-in and devices' pairing, guarded against guessing (DESIGN §6, §9): wrong passwords
 * are counted per username, per network address and for the whole office, wrong pairing codes per
 * address and for the whole office; over a limit the attempt is refused at once with `too_many_attempts` (and when to
 * retry) — before any scrypt run or database look-up. Failures are written to the audit log; a
 * refused attempt is not (a storm must not turn into a storm of disk writes), only the moment a
 * key becomes locked.
 */
export class SignIn {
  private readonly loginByUser: RateLimiter;
  private readonly loginByAddress: RateLimiter;
  private readonly loginInOffice: RateLimiter;
  private readonly pairingByAddress: RateLimiter;
  private readonly pairingInOffice: RateLimiter;

  constructor(
    private readonly auth: AuthRepo,
    private readonly limits: RateLimits,
    private readonly clock: Clock,
    private readonly audit: AuditNote,
  ) {
    this.loginByUser = new RateLimiter(limits.loginFailuresPerUser);
    this.loginByAddress = new RateLimiter(limits.loginFailuresPerAddress);
    this.loginInOffice = new RateLimiter(limits.loginFailuresPerOffice);
    this.pairingByAddress = new RateLimiter(limits.pairingFailuresPerAddress);
    this.pairingInOffice = new RateLimiter(limits.pairingFailuresPerOffice);
  }

  async login(
    username: string,
    password: string,
    address: string,
  ): Promise<{ token: string; principal: Principal }> {
    const now = this.clock.now();
    const user = username.toLowerCase();
    refuseWhileLocked(
      Math.max(this.loginByUser.retryAfterMs(user, now), this.loginByAddress.retryAfterMs(address, now)),
    );
    // A known officer without recent wrong passwords: still let in when the office is under attack
    // (their attempts are not held against the office's limit unless wrong), and given the scrypt
    // slot kept for officers.
    const clean = this.loginByUser.isClear(user, now) && this.auth.hasUser(user);
    if (!clean) refuseWhileLocked(this.loginInOffice.retryAfterMs('office', now));
    // Every attempt counts as a failure until its password is found right, so attempts arriving
    // together (while earlier ones are still in scrypt) cannot all slip under the limit.
    const counted: [RateLimiter, string][] = [
      [this.loginByUser, user],
      [this.loginByAddress, address],
      ...(clean ? [] : ([[this.loginInOffice, 'office']] as [RateLimiter, string][])),
    ];
    for (const [limiter, key] of counted) limiter.record(key, now);
    try {
      const session = await this.auth.login(username, password, now, () => clean);
      for (const [limiter, key] of counted) limiter.unrecord(key, now);
      this.loginByUser.forget(user);
      return session;
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'login_failed')) {
        // Not a wrong password (e.g. server_busy): it does not count.
        for (const [limiter, key] of counted) limiter.unrecord(key, now);
        throw e;
      }
      if (clean) this.loginInOffice.record('office', this.clock.now());
      const detail = { username: username.slice(0, 64), address };
      this.audit(`address:${address}`, 'auth.login_failed', detail);
      const at = this.clock.now();
      if (this.loginByUser.retryAfterMs(user, at) > 0 || this.loginByAddress.retryAfterMs(address, at) > 0)
        this.audit(`address:${address}`, 'auth.login_locked', detail);
      throw e;
    }
  }

  pair(code: string, address: string): { token: string; principal: Principal } {
    const now = this.clock.now();
    refuseWhileLocked(
      Math.max(
        this.pairingByAddress.retryAfterMs(address, now),
        this.pairingInOffice.retryAfterMs('office', now),
      ),
    );
    try {
      return this.auth.pair(code, now, this.limits.pairingCodeMaxFailures);
    } catch (e) {
      if (e instanceof AppError && e.code === 'pairing_code_invalid') {
        this.pairingByAddress.record(address, now);
        this.pairingInOffice.record('office', now);
        const burnt = this.auth.countWrongCode(now, this.limits.pairingCodeMaxFailures);
        this.audit(`address:${address}`, 'pairing.failed', { address, burnt });
      }
      throw e;
    }
  }
}

function refuseWhileLocked(retryAfterMs: number): void {
  if (retryAfterMs > 0) throw new AppError('too_many_attempts', { seconds: retryAfterSeconds(retryAfterMs) });
}

/** The client's network address as the socket sees it (`::ffff:10.0.0.5` → `10.0.0.5`). */
export function clientAddress(remoteAddress: string | undefined): string {
  return (remoteAddress ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}
