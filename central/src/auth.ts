import { AppError } from '@giliran/shared';
import { hashPassword, hashToken, newToken, verifyPassword } from '@giliran/server/secrets';
import type { Pool } from './db.ts';
import type { OfficeIdentity } from './ingest.ts';

/**
 * Who may do what at central: an office (bearer token, per office, stored hashed, revocable) sends
 * its events; a viewer (username + scrypt password → session) reads reports. A `regional` viewer
 * sees the offices of its region (Kantor Wilayah); the `directorate` sees every office.
 */
export type ViewerRole = 'regional' | 'directorate';

export interface Viewer {
  username: string;
  displayName: string;
  role: ViewerRole;
  /** The region a regional viewer is limited to; null for the directorate. */
  region: string | null;
}

const SESSION_HOURS = 12;

// ─── Offices and their tokens ─────────────────────────────────────────────────────────────────────

export async function authenticateOffice(pool: Pool, token: string): Promise<OfficeIdentity | null> {
  if (token.length < 16 || token.length > 200) return null;
  const { rows } = await pool.query<OfficeIdentity>(
    `SELECT o.id, o.code FROM office_tokens t JOIN offices o ON o.id = t.office_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
    [hashToken(token)],
  );
  return rows[0] ?? null;
}

export async function addOffice(
  pool: Pool,
  o: { code: string; name: string; region: string; timeZone?: string },
): Promise<void> {
  await pool.query(
    `INSERT INTO offices (code, name, region, time_zone) VALUES ($1, $2, $3, $4)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, region = excluded.region`,
    [o.code, o.name, o.region, o.timeZone ?? 'Asia/Jakarta'],
  );
}

/** A new token for an office; only its hash is kept, so this is the one time it is shown. */
export async function issueOfficeToken(
  pool: Pool,
  code: string,
  label = '',
): Promise<{ id: number; token: string }> {
  const token = newToken();
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO office_tokens (office_id, token_hash, label)
     SELECT id, $2, $3 FROM offices WHERE code = $1 RETURNING id`,
    [code, hashToken(token), label],
  );
  if (!rows[0]) throw new AppError('not_found');
  return { id: rows[0].id, token };
}

/** Revokes one token (by id) or every token of the office; returns how many were revoked. */
export async function revokeOfficeTokens(pool: Pool, code: string, id?: number): Promise<number> {
  const { rowCount } = await pool.query(
    `UPDATE office_tokens SET revoked_at = now()
     WHERE revoked_at IS NULL AND office_id = (SELECT id FROM offices WHERE code = $1)
       AND ($2::int IS NULL OR id = $2)`,
    [code, id ?? null],
  );
  return rowCount ?? 0;
}

// ─── Viewers ──────────────────────────────────────────────────────────────────────────────────────

export async function addViewer(
  pool: Pool,
  v: { username: string; displayName: string; role: ViewerRole; region: string | null; password: string },
): Promise<void> {
  if ((v.role === 'regional') !== (v.region !== null))
    throw new Error('a regional viewer needs a region; the directorate has none');
  await pool.query(
    `INSERT INTO viewers (username, display_name, role, region, password_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
       region = excluded.region, password_hash = excluded.password_hash, disabled_at = NULL`,
    [v.username, v.displayName, v.role, v.region, await hashPassword(v.password)],
  );
}

export async function disableViewer(pool: Pool, username: string): Promise<boolean> {
  const { rowCount } = await pool.query('UPDATE viewers SET disabled_at = now() WHERE username = $1', [
    username,
  ]);
  await pool.query('DELETE FROM viewer_sessions WHERE username = $1', [username]);
  return (rowCount ?? 0) > 0;
}

// A verification against this when the user is unknown keeps timing from revealing usernames.
const DUMMY_HASH = 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function signIn(
  pool: Pool,
  username: string,
  password: string,
): Promise<{ token: string; viewer: Viewer }> {
  const { rows } = await pool.query<{
    username: string;
    display_name: string;
    role: ViewerRole;
    region: string | null;
    password_hash: string;
  }>(
    'SELECT username, display_name, role, region, password_hash FROM viewers WHERE username = $1 AND disabled_at IS NULL',
    [username],
  );
  const v = rows[0];
  const ok = await verifyPassword(password, v?.password_hash ?? DUMMY_HASH);
  if (!v || !ok) throw new AppError('login_failed');
  const token = newToken();
  await pool.query(
    `INSERT INTO viewer_sessions (token_hash, username, expires_at)
     VALUES ($1, $2, now() + interval '${SESSION_HOURS} hours')`,
    [hashToken(token), v.username],
  );
  return {
    token,
    viewer: { username: v.username, displayName: v.display_name, role: v.role, region: v.region },
  };
}

export async function authenticateViewer(pool: Pool, token: string): Promise<Viewer | null> {
  if (token.length < 16 || token.length > 200) return null;
  const { rows } = await pool.query<Viewer>(
    `SELECT v.username, v.display_name AS "displayName", v.role, v.region
     FROM viewer_sessions s JOIN viewers v ON v.username = s.username
     WHERE s.token_hash = $1 AND s.expires_at > now() AND v.disabled_at IS NULL`,
    [hashToken(token)],
  );
  return rows[0] ?? null;
}

export async function signOut(pool: Pool, token: string): Promise<void> {
  await pool.query('DELETE FROM viewer_sessions WHERE token_hash = $1', [hashToken(token)]);
}

/** The region filter a viewer's reports run with: its own for a regional viewer. */
export function viewerRegion(v: Viewer, asked: string | null): string | null {
  return v.role === 'regional' ? v.region : asked;
}
