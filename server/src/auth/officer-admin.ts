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
 * disable delete the officer's sessions in the same transaction, so the old tokens stop
 * authenticating at once (the server checks every request and socket against the sessions table).
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
    return this.db
      .transaction(() => {
        const changed = this.db
          .prepare('UPDATE users SET password_hash = ? WHERE username = ?')
          .run(hash, username).changes;
        this.db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
        return changed > 0;
      })
      .immediate();
  }

  /** Disables the officer and ends their sessions. False when there is no such officer. */
  disable(username: string, now: number): boolean {
    return this.db
      .transaction(() => {
        const changed = this.db
          .prepare('UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE username = ?')
          .run(now, username).changes;
        this.db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
        return changed > 0;
      })
      .immediate();
  }

  /** Lets a disabled officer sign in again (with the password they had). */
  enable(username: string): boolean {
    return (
      this.db.prepare('UPDATE users SET disabled_at = NULL WHERE username = ?').run(username).changes > 0
    );
  }
}
