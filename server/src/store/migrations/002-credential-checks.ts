import type { Migration } from './index.ts';

/**
 * Credentials that follow the account: a new password, a disabled account, another role or a
 * deleted user ends every session of that officer, whichever process changed it (the admin CLI
 * writes the database while the server runs; the server notices the missing session within
 * seconds and disconnects its sockets). Pairing codes count the wrong codes tried while they are
 * valid, so a code is burnt after too many guesses.
 */
export const migration002: Migration = {
  version: 2,
  name: 'credential checks',
  sql: `
    CREATE INDEX sessions_by_username ON sessions (username);

    CREATE TRIGGER users_credentials_changed AFTER UPDATE OF password_hash, disabled_at, role ON users
      WHEN NEW.password_hash IS NOT OLD.password_hash OR NEW.disabled_at IS NOT NULL OR NEW.role IS NOT OLD.role
    BEGIN
      DELETE FROM sessions WHERE username = NEW.username;
    END;

    CREATE TRIGGER users_deleted BEFORE DELETE ON users
    BEGIN
      DELETE FROM sessions WHERE username = OLD.username;
    END;

    ALTER TABLE pairing_codes ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
  `,
};
