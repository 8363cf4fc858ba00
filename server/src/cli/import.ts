/**
 * `npm run import -- FILE`: imports an M-Paspor export (CSV or JSON) into GILIRAN_DATA_DIR. Safe
 * while the server runs (SQLite WAL + busy timeout); the server reads bookings from the database at
 * every check-in, so it sees them at once. All-or-nothing; exits 1 listing every bad line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInstallationSecret } from '../auth/secrets.ts';
import { BookingRepo } from '../bookings/booking-repo.ts';
import { importBookings } from '../bookings/import-bookings.ts';
import { dataDirFromEnv, userPath } from '../env.ts';
import { openDatabase } from '../store/database.ts';

const file = process.argv[2];
if (!file) {
  console.error('Pemakaian / usage: npm run import -- FILE.csv|FILE.json');
  process.exit(2);
}
const dataDir = dataDirFromEnv();
let bytes: Buffer;
try {
  bytes = readFileSync(userPath(file));
} catch (e) {
  console.error(`Tidak bisa membaca / cannot read ${file}: ${(e as Error).message}`);
  process.exit(2);
}
const db = openDatabase(join(dataDir, 'giliran.db'));
const result = importBookings(new BookingRepo(db, loadInstallationSecret(dataDir)), bytes, Date.now());
db.close();
if (!result.ok) {
  console.error(
    `Berkas ditolak, tidak ada yang berubah / file rejected, nothing changed (${result.errors.length} bad lines):`,
  );
  for (const e of result.errors) console.error(`  line ${e.line}: ${e.reason}`);
  process.exit(1);
}
const c = result.counts;
console.log(`Imported into ${dataDir}: ${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged.`);
