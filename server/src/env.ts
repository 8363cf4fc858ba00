import { resolve } from 'node:path';

/** Paths on the command line and in env are relative to where the user ran `npm …` (INIT_CWD). */
export function userPath(p: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), p);
}

/** The fixed outside interface: `PORT` (8080) and `GILIRAN_DATA_DIR` (`./data`). */
export function dataDirFromEnv(): string {
  return userPath(process.env.GILIRAN_DATA_DIR ?? './data');
}
