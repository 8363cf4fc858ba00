/**
 * `npm run admin -- COMMAND`: officers of the office in GILIRAN_DATA_DIR, from the server's own
 * console (the first admin of a new office is made here; the dashboard needs one to sign in).
 *
 *   create-user --role admin|supervisor|counter [--name "Display name"] USERNAME
 *   reset-password USERNAME      (signs the officer out everywhere)
 *   disable-user USERNAME        (signs the officer out everywhere; sign-in refused)
 *   enable-user USERNAME
 *   list-users
 *
 * Passwords are typed at a prompt that does not echo them, or read from the first line of stdin
 * when stdin is not a terminal (`printf '%s\n' "$PW" | npm run admin -- reset-password ani`).
 * Safe while the server runs: it reads officers and sessions from the database at every request.
 */
import { parseArgs } from 'node:util';
import { createUserBodySchema, localParts } from '@giliran/shared';
import type { z } from 'zod';
import { AuthRepo } from '../auth/auth-repo.ts';
import { OfficerAdmin, type OfficerRecord } from '../auth/officer-admin.ts';
import { DEFAULT_CONFIG_PATH, loadOfficeConfig } from '../config.ts';
import { userPath } from '../env.ts';
import { CliError, openDataDir, runCommand } from './common.ts';
import { readPassword } from './password-input.ts';

const USAGE = `Pemakaian / usage:
  npm run admin -- create-user --role admin|supervisor|counter [--name "Nama Lengkap"] USERNAME
  npm run admin -- reset-password USERNAME
  npm run admin -- disable-user USERNAME
  npm run admin -- enable-user USERNAME
  npm run admin -- list-users`;

type CreateUserBody = z.infer<typeof createUserBodySchema>;

const usage = (why: string) => new CliError(`${why}\n${USAGE}`, 2);

const FIELD_RULES = {
  username:
    'Nama pengguna: 3–32 huruf kecil, angka, titik, garis bawah atau tanda hubung / username: 3–32 lower-case letters, digits, dot, underscore or dash',
  password: 'Kata sandi minimal 8 karakter / the password needs at least 8 characters',
  displayName: 'Nama tampilan 1–64 karakter / display name: 1–64 characters',
  role: 'Peran: admin, supervisor atau counter / role: admin, supervisor or counter',
};

/** One field checked by the same schema as `POST /api/admin/users`. */
function field<K extends keyof typeof FIELD_RULES>(key: K, value: unknown): CreateUserBody[K] {
  const parsed = createUserBodySchema.shape[key].safeParse(value);
  if (!parsed.success) throw new CliError(FIELD_RULES[key], 2);
  return parsed.data as CreateUserBody[K];
}

async function main(): Promise<number> {
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        options: { role: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
        allowPositionals: true,
      });
    } catch (e) {
      throw usage((e as Error).message);
    }
  })();
  const [command, target, ...extra] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (extra.length) throw usage(`Terlalu banyak argumen / too many arguments: ${extra.join(' ')}`);
  const now = Date.now();

  if (command === 'list-users') {
    const { db } = openDataDir();
    try {
      printUsers(new OfficerAdmin(db).list(now));
    } finally {
      db.close();
    }
    return 0;
  }

  if (!target) throw usage('Sebutkan nama pengguna / give the username');
  const username = field('username', target);

  if (command === 'create-user') {
    const role = field('role', values.role);
    const displayName = field('displayName', values.name ?? username);
    const { db } = openDataDir();
    try {
      const auth = new AuthRepo(db);
      if (auth.hasUser(username))
        throw new CliError(
          `Petugas ${username} sudah ada; pakai reset-password / officer ${username} exists already; use reset-password`,
        );
      const password = field('password', await readPassword({ confirm: true }));
      await auth.createUser({ username, displayName, password, role }, now);
    } finally {
      db.close();
    }
    console.log(`Petugas ${username} (${role}) dibuat. / Officer ${username} (${role}) created.`);
    if (role === 'admin') console.log('Masuk di / sign in at http://<server>:8080/dashboard');
    return 0;
  }

  if (command === 'reset-password') {
    const { db } = openDataDir();
    try {
      const admin = new OfficerAdmin(db);
      if (!new AuthRepo(db).hasUser(username)) throw noSuchOfficer(username);
      const password = field('password', await readPassword({ confirm: true }));
      await admin.resetPassword(username, password);
    } finally {
      db.close();
    }
    console.log(
      `Kata sandi ${username} diganti; semua sesinya berakhir. / Password of ${username} changed; all their sessions ended.`,
    );
    return 0;
  }

  if (command === 'disable-user' || command === 'enable-user') {
    const { db } = openDataDir();
    try {
      const admin = new OfficerAdmin(db);
      const done = command === 'disable-user' ? admin.disable(username, now) : admin.enable(username);
      if (!done) throw noSuchOfficer(username);
    } finally {
      db.close();
    }
    console.log(
      command === 'disable-user'
        ? `Petugas ${username} dinonaktifkan; semua sesinya berakhir. / Officer ${username} disabled; all their sessions ended.`
        : `Petugas ${username} aktif kembali. / Officer ${username} enabled again.`,
    );
    return 0;
  }

  throw usage(`Perintah tidak dikenal / unknown command: ${command}`);
}

const noSuchOfficer = (username: string) =>
  new CliError(`Petugas ${username} tidak ada / no officer ${username}`);

function printUsers(users: OfficerRecord[]): void {
  if (!users.length) {
    console.log(
      'Belum ada petugas. Buat admin pertama / no officers yet; create the first admin:\n' +
        '  npm run admin -- create-user --role admin USERNAME',
    );
    return;
  }
  const timeZone = loadOfficeConfig(
    process.env.GILIRAN_CONFIG ? userPath(process.env.GILIRAN_CONFIG) : DEFAULT_CONFIG_PATH,
  ).office.timeZone;
  const rows = users.map((u) => [
    u.username,
    u.role,
    u.displayName,
    u.disabledAt === null ? 'aktif/active' : 'nonaktif/disabled',
    String(u.sessions),
    localParts(u.createdAt, timeZone).date,
  ]);
  const head = ['username', 'role', 'name', 'status', 'sessions', 'created'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  for (const r of [head, ...rows])
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i] as number))
        .join('  ')
        .trimEnd(),
    );
}

runCommand(main);
