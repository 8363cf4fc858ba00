import type { Database } from 'better-sqlite3';
import { migration001 } from './001-initial.ts';
import { migration002 } from './002-credential-checks.ts';
import { migration003 } from './003-outbox.ts';
import { migration004 } from './004-installation-and-imports.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every schema version in order. Add a file per version; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class NewerDatabaseError extends Error {
  constructor(found: number) {
    super(
      `This database was written by a newer Giliran (schema version ${found}; this build knows up to ${SCHEMA_VERSION}). ` +
        'Refusing to open it; upgrade Giliran or restore a backup.',
    );
    this.name = 'NewerDatabaseError';
  }
}

/** Applies pending migrations in order, all in one transaction, tracked by `PRAGMA user_version`. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) throw new NewerDatabaseError(current);
  if (current === latest) return current;
  db.transaction(() => {
    for (const m of migrations.slice(current)) db.exec(m.sql);
    db.pragma(`user_version = ${latest}`);
  })();
  return latest;
}
