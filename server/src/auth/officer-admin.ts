import type { Role } from '@giliran/shared';
import type { Db } from '../store/database.ts';
import { hashPassword } from './secrets.ts';

/** An officer as `npm run admin -- list-users` shows it (never the password hash). */
export interface OfficerRecord {
  username: string;
  displayName: string;
  role: Role;
  createdAt: number;
  disabledAt: number | null;
  /** Sessions not yet expired. */
  sessions: number;
}

/**
 * What the admin command does to officers beside `AuthRepo.createUser`. A password reset and a
 * disable end the officer's sessions in the same statement (the `users_credentials_changed`
 * trigger of schema 2), so the old tokens stop authenticating at once and the running server,
 * which re-checks every socket against the sessions table, disconnects them within seconds.
 */
export class OfficerAdmin {
  constructor(private readonly db: Db) {}

  list(now: number): OfficerRecord[] {
    const rows = this.db
      .prepare(
        `SELECT u.username, u.display_name, u.role, u.created_at, u.disabled_at,
           (SELECT count(*) FROM sessions s WHERE s.username = u.username AND s.expires_at > ?) AS sessions
         FROM users u ORDER BY u.role, u.username`,
      )
      .all(now) as {
      username: string;
      display_name: string;
      role: Role;
      created_at: number;
      disabled_at: number | null;
      sessions: number;
    }[];
    return rows.map((r) => ({
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      createdAt: r.created_at,
      disabledAt: r.disabled_at,
      sessions: r.sessions,
    }));
  }

  /** Sets a new password and signs the officer out everywhere. False when there is no such officer. */
  async resetPassword(username: string, password: string): Promise<boolean> {
    const hash = await hashPassword(password);
    return (
      this.db.prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(hash, username).changes > 0
    );
  }

  /** Disables the officer and ends their sessions. False when there is no such officer. */
  disable(username: string, now: number): boolean {
    return (
      this.db
        .prepare('UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE username = ?')
        .run(now, username).changes > 0
    );
  }

  /** Lets a disabled officer sign in again (with the password they had). */
  enable(username: string): boolean {
    return (
      this.db.prepare('UPDATE users SET disabled_at = NULL WHERE username = ?').run(username).changes > 0
    );
  }
}
