import { randomInt, randomUUID } from 'node:crypto';
import { AppError, type DeviceRecord, type Role } from '@giliran/shared';
import type { Db } from '../store/database.ts';
import { hashPassword, hashToken, newToken, verifyPassword } from './secrets.ts';

/** Who is on the other end of a connection or request, as established on the server. */
export interface Principal {
  role: Role;
  /** Display name: the device name or the officer's name. */
  name: string;
  /** `device:<id>` or `officer:<username>`: stable, for the audit log and rate limits. */
  actor: string;
  deviceId: string | null;
  username: string | null;
  /** An officer's session: the SHA-256 of its token (what the sessions table stores). */
  sessionId: string | null;
  printerUri: string | null;
}

const SESSION_MS = 16 * 60 * 60_000;
const PAIRING_MS = 15 * 60_000;

/**
 * Officers (scrypt passwords, session tokens) and devices (pairing codes → long-lived tokens).
 * Only hashes of tokens and codes are stored; a device token is revoked by setting `revoked_at`.
 */
export class AuthRepo {
  private readonly liveDevice;
  private readonly liveSession;

  constructor(private readonly db: Db) {
    this.liveDevice = db.prepare('SELECT role FROM devices WHERE id = ? AND revoked_at IS NULL');
    this.liveSession = db.prepare(
      `SELECT u.username, u.display_name, u.role FROM sessions s JOIN users u ON u.username = s.username
       WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
    );
  }

  async createUser(
    u: { username: string; displayName: string; password: string; role: 'counter' | 'supervisor' | 'admin' },
    now: number,
  ): Promise<void> {
    const hash = await hashPassword(u.password);
    this.db
      .prepare(
        `INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
           password_hash = excluded.password_hash, disabled_at = NULL`,
      )
      .run(u.username, u.displayName, u.role, hash, now);
  }

  hasUser(username: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM users WHERE username = ?').get(username);
  }

  /**
   * Checks a password and opens a session. `urgent(exists)` says whether this attempt may go before
   * others waiting for a scrypt slot (see `ScryptSlots`); a full queue rejects with `server_busy`.
   */
  async login(
    username: string,
    password: string,
    now: number,
    urgent: (userExists: boolean) => boolean = () => false,
  ): Promise<{ token: string; principal: Principal }> {
    const u = this.db
      .prepare(
        'SELECT username, display_name, role, password_hash FROM users WHERE username = ? AND disabled_at IS NULL',
      )
      .get(username) as
      { username: string; display_name: string; role: Role; password_hash: string } | undefined;
    // Verify against a dummy hash when the user is unknown, so timing does not reveal usernames.
    const ok = await verifyPassword(
      password,
      u?.password_hash ??
        'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      urgent(!!u),
    );
    if (!u || !ok) throw new AppError('login_failed');
    const token = newToken();
    const sessionId = hashToken(token);
    this.db
      .prepare('INSERT INTO sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(sessionId, u.username, now, now + SESSION_MS);
    return { token, principal: officerPrincipal(u, sessionId) };
  }

  /** Ends an officer's session; returns its id (for disconnecting its sockets). */
  logout(token: string): string {
    const h = hashToken(token);
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(h);
    return h;
  }

  /** Resolves a bearer token (officer session or device) to a principal, or null. */
  authenticate(token: string, now: number): Principal | null {
    if (typeof token !== 'string' || token.length < 8 || token.length > 200) return null;
    const h = hashToken(token);
    const d = this.db
      .prepare('SELECT id, name, role, printer_uri FROM devices WHERE token_hash = ? AND revoked_at IS NULL')
      .get(h) as { id: string; name: string; role: Role; printer_uri: string | null } | undefined;
    if (d)
      return {
        role: d.role,
        name: d.name,
        actor: `device:${d.id}`,
        deviceId: d.id,
        username: null,
        sessionId: null,
        printerUri: d.printer_uri,
      };
    const u = this.liveSession.get(h, now) as
      { username: string; display_name: string; role: Role } | undefined;
    return u ? officerPrincipal(u, h) : null;
  }

  /**
   * Whether a connection's credential still holds: the device not revoked, or the session not ended,
   * expired, nor its officer disabled or given another role. One primary-key look-up: it runs for
   * every socket command and every few seconds for every socket.
   */
  isLive(p: Principal, now: number): boolean {
    if (p.deviceId) {
      const d = this.liveDevice.get(p.deviceId) as { role: Role } | undefined;
      return d?.role === p.role;
    }
    if (!p.sessionId) return false;
    const u = this.liveSession.get(p.sessionId, now) as { role: Role } | undefined;
    return u?.role === p.role;
  }

  createPairingCode(
    p: { role: 'kiosk' | 'board'; name: string; printerUri?: string | undefined },
    now: number,
  ): { code: string; expiresAt: number } {
    const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
    const expiresAt = now + PAIRING_MS;
    this.db
      .prepare(
        'INSERT INTO pairing_codes (code_hash, role, name, printer_uri, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(hashToken(code), p.role, p.name, p.printerUri ?? null, expiresAt);
    return { code, expiresAt };
  }

  /**
   * Exchanges a one-time pairing code for a device token (the only time the token is shown). A code
   * that saw `maxFailures` wrong codes tried while it was valid is burnt (see `countWrongCode`).
   */
  pair(code: string, now: number, maxFailures: number): { token: string; principal: Principal } {
    const row = this.db
      .prepare(
        `SELECT code_hash, role, name, printer_uri FROM pairing_codes
         WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? AND failed_attempts < ?`,
      )
      .get(hashToken(code), now, maxFailures) as
      { code_hash: string; role: 'kiosk' | 'board'; name: string; printer_uri: string | null } | undefined;
    if (!row) throw new AppError('pairing_code_invalid');
    const token = newToken();
    const id = randomUUID();
    this.db.transaction(() => {
      this.db.prepare('UPDATE pairing_codes SET used_at = ? WHERE code_hash = ?').run(now, row.code_hash);
      this.addDevice({ id, name: row.name, role: row.role, token, printerUri: row.printer_uri }, now);
    })();
    return {
      token,
      principal: {
        role: row.role,
        name: row.name,
        actor: `device:${id}`,
        deviceId: id,
        username: null,
        sessionId: null,
        printerUri: row.printer_uri,
      },
    };
  }

  /**
   * A wrong pairing code says nothing about which code it aimed at, so it counts against every code
   * still valid. Returns how many codes it burnt (reached `maxFailures`).
   */
  countWrongCode(now: number, maxFailures: number): number {
    return this.db
      .prepare(
        `UPDATE pairing_codes SET failed_attempts = failed_attempts + 1
         WHERE used_at IS NULL AND expires_at > ? AND failed_attempts < ? RETURNING failed_attempts`,
      )
      .all(now, maxFailures)
      .filter((r) => (r as { failed_attempts: number }).failed_attempts >= maxFailures).length;
  }

  /**
   * Adds a device. Adding one that exists (the demo's fixed devices, at every demo start) only
   * updates its printer: its token stays, and a device an admin revoked stays revoked.
   */
  addDevice(
    d: { id: string; name: string; role: 'kiosk' | 'board'; token: string; printerUri: string | null },
    now: number,
  ): void {
    this.db
      .prepare(
        `INSERT INTO devices (id, name, role, token_hash, printer_uri, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET printer_uri = excluded.printer_uri`,
      )
      .run(d.id, d.name, d.role, hashToken(d.token), d.printerUri, now);
  }

  revokeDevice(id: string, now: number): boolean {
    return (
      this.db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id)
        .changes > 0
    );
  }

  touchDevice(id: string, now: number): void {
    this.db.prepare('UPDATE devices SET last_seen = ? WHERE id = ?').run(now, id);
  }

  listDevices(): DeviceRecord[] {
    return (
      this.db
        .prepare('SELECT id, name, role, last_seen, revoked_at, printer_uri FROM devices ORDER BY name')
        .all() as {
        id: string;
        name: string;
        role: Role;
        last_seen: number | null;
        revoked_at: number | null;
        printer_uri: string | null;
      }[]
    ).map((d) => ({
      id: d.id,
      name: d.name,
      role: d.role,
      lastSeen: d.last_seen,
      revoked: d.revoked_at !== null,
      printerUri: d.printer_uri,
    }));
  }
}

function officerPrincipal(
  u: { username: string; display_name: string; role: Role },
  sessionId: string,
): Principal {
  return {
    role: u.role,
    name: u.display_name,
    actor: `officer:${u.username}`,
    deviceId: null,
    username: u.username,
    sessionId,
    printerUri: null,
  };
}
