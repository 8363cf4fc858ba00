/**
 * `npm run central -- <command>`: set-up of the central service (CENTRAL_DATABASE_URL).
 *
 *   migrate
 *   office add CODE --name "Kantor Imigrasi …" --region "Bali"
 *   office list
 *   token new CODE [--label "server kantor"]     prints a new office token once (only its hash is kept)
 *   token revoke CODE [--id N]                   revokes one token, or all of the office's
 *   viewer add USERNAME --role directorate|regional [--region R] --name "…"   password on stdin
 *   viewer disable USERNAME
 *   rebuild-rollups                              recount every rollup from the stored events
 */
import { parseArgs } from 'node:util';
import {
  addOffice,
  addViewer,
  disableViewer,
  issueOfficeToken,
  revokeOfficeTokens,
  type ViewerRole,
} from './auth.ts';
import { createPool, type Pool } from './db.ts';
import { rebuildRollups } from './ingest.ts';
import { migrate } from './migrate.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split('\n')[0]?.trim() ?? '';
}

function need(v: string | undefined, what: string): string {
  if (!v) throw new Error(`missing ${what}`);
  return v;
}

async function run(pool: Pool, argv: string[]): Promise<void> {
  const { values: o, positionals: p } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      region: { type: 'string' },
      label: { type: 'string' },
      id: { type: 'string' },
      role: { type: 'string' },
    },
  });
  const [cmd, sub, arg] = p;
  await migrate(pool);
  if (cmd === 'migrate') {
    console.log('database schema is up to date');
  } else if (cmd === 'office' && sub === 'add') {
    const code = need(arg, 'office CODE');
    if (!/^[A-Z]{2,6}$/.test(code))
      throw new Error('office code: 2–6 capital letters, as in the office configuration');
    await addOffice(pool, { code, name: need(o.name, '--name'), region: need(o.region, '--region') });
    console.log(`office ${code} saved`);
  } else if (cmd === 'office' && sub === 'list') {
    const { rows } = await pool.query(
      `SELECT code, name, region, time_zone, last_received_at, max_seq, events_received,
         (SELECT count(*) FROM office_tokens t WHERE t.office_id = o.id AND t.revoked_at IS NULL)::int AS tokens
       FROM offices o ORDER BY region, code`,
    );
    console.table(rows);
  } else if (cmd === 'token' && sub === 'new') {
    const { id, token } = await issueOfficeToken(pool, need(arg, 'office CODE'), o.label ?? '');
    console.error(`token ${id} for ${arg} (shown once; put it in the office's token file):`);
    console.log(token);
  } else if (cmd === 'token' && sub === 'revoke') {
    const n = await revokeOfficeTokens(pool, need(arg, 'office CODE'), o.id ? Number(o.id) : undefined);
    console.log(`${n} token(s) revoked`);
  } else if (cmd === 'viewer' && sub === 'add') {
    const role = need(o.role, '--role') as ViewerRole;
    if (role !== 'regional' && role !== 'directorate') throw new Error('--role is regional or directorate');
    const password = await readStdin();
    if (password.length < 8) throw new Error('give a password of at least 8 characters on stdin');
    await addViewer(pool, {
      username: need(arg, 'USERNAME'),
      displayName: need(o.name, '--name'),
      role,
      region: role === 'regional' ? need(o.region, '--region') : null,
      password,
    });
    console.log(`viewer ${arg} saved`);
  } else if (cmd === 'viewer' && sub === 'disable') {
    console.log((await disableViewer(pool, need(arg, 'USERNAME'))) ? 'disabled' : 'no such viewer');
  } else if (cmd === 'rebuild-rollups') {
    await rebuildRollups(pool);
    console.log('rollups rebuilt from the stored events');
  } else {
    throw new Error(`unknown command: ${p.join(' ') || '(none)'}; see the header of central/src/cli.ts`);
  }
}

const url = process.env.CENTRAL_DATABASE_URL;
if (!url) {
  console.error('CENTRAL_DATABASE_URL is not set');
  process.exit(1);
}
const pool = createPool(url, 2);
run(pool, process.argv.slice(2))
  .then(() => pool.end())
  .catch(async (e: unknown) => {
    console.error((e as Error).message);
    await pool.end();
    process.exit(1);
  });
