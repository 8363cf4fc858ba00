import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { scryptSlots } from './scrypt-slots.ts';

const scryptAsync = promisify(scrypt) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: object,
) => Promise<Buffer>;

/**
 * The per-installation secret keys NIK look-ups (HMAC). It lives in the data directory, apart from
 * the database, so a copied database alone does not let anyone test guessed NIKs.
 */
export function loadInstallationSecret(dataDir: string): Buffer {
  const path = join(dataDir, 'installation.key');
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process made it first
    }
  }
  chmodSync(path, 0o600); // a key written by an older release may be group-readable
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
}

export function nikHmac(secret: Buffer, nik: string): string {
  return createHmac('sha256', secret).update(nik).digest('hex');
}

/** Long-lived tokens are random; only their SHA-256 is stored, so a database leak reveals none. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const SCRYPT = { N: 16384, r: 8, p: 1 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptSlots.run(() => scryptAsync(password, salt, 32, SCRYPT));
  return `scrypt$${SCRYPT.N}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Runs through `scryptSlots`: rejects with `server_busy` when too many are already queued. */
export async function verifyPassword(password: string, stored: string, urgent = false): Promise<boolean> {
  const [scheme, n, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scryptSlots.run(
    () => scryptAsync(password, Buffer.from(saltB64, 'base64'), expected.length, { ...SCRYPT, N: Number(n) }),
    urgent,
  );
  return timingSafeEqual(key, expected);
}
