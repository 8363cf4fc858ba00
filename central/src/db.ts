import pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/** int8 (counts, sums of milliseconds) and numeric (sums) as JS numbers: they stay far below 2^53. */
const toNumber = (v: string) => Number(v);
const types = {
  getTypeParser: ((oid: number, format?: string): unknown =>
    oid === 20 || oid === 1700
      ? toNumber
      : (pg.types.getTypeParser(oid, format as 'text') as unknown)) as typeof pg.types.getTypeParser,
};

/**
 * The connection pool. A connection PostgreSQL drops (a restart, a failover) must not end the
 * process: idle clients report to the pool's `error`, checked-out ones to their own; the query
 * under way fails and its caller answers 503, and the pool opens fresh connections next time.
 */
export function createPool(connectionString: string, max = 10): Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    types,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 60_000,
    application_name: 'giliran-central',
  });
  const report = (e: Error) => console.error('[db] connection lost:', e.message);
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  return pool;
}

/** Runs `fn` in one transaction on one connection: all of it or none. */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {
      broken = true; // the connection itself is gone: do not give it back to the pool
    });
    throw e;
  } finally {
    client.release(broken);
  }
}

/** True for errors that mean "the database is not reachable right now" (answer 503, retry later). */
export function isUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  const code = err.code ?? '';
  return (
    /^(08|57P|53)/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code) ||
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
      err.message ?? '',
    )
  );
}
