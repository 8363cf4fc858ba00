import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inTransaction, type Pool } from './db.ts';

export const MIGRATIONS_DIR = resolve(import.meta.dirname, '../migrations');

export interface CentralMigration {
  version: number;
  name: string;
  sql: string;
}

/** `migrations/NNN-name.sql`, in version order. Add a file per version; never edit a released one. */
export function loadMigrations(dir = MIGRATIONS_DIR): CentralMigration[] {
  return readdirSync(dir)
    .map((f) => /^(\d+)-(.+)\.sql$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      version: Number(m[1]),
      name: m[2] as string,
      sql: readFileSync(join(dir, m[0]), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
}

export class NewerCentralDatabaseError extends Error {
  constructor(found: number, known: number) {
    super(
      `This central database was written by a newer Giliran (schema version ${found}; this build knows up to ${known}). ` +
        'Refusing to use it; upgrade Giliran Central or restore a backup.',
    );
    this.name = 'NewerCentralDatabaseError';
  }
}

/**
 * Applies pending migrations in order, all in one transaction, tracked in `schema_migrations`.
 * An advisory lock makes two services starting at once take turns. Returns the version reached.
 */
export async function migrate(pool: Pool, migrations = loadMigrations()): Promise<number> {
  return inTransaction(pool, async (db) => {
    await db.query("SELECT pg_advisory_xact_lock(hashtext('giliran-central-migrate'))");
    await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = rows[0]?.v ?? 0;
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) throw new NewerCentralDatabaseError(current, latest);
    for (const m of migrations) {
      if (m.version <= current) continue;
      await db.query(m.sql);
      await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    return latest;
  });
}
