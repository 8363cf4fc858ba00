import { Worker } from 'node:worker_threads';

/** The server's worker threads, by name: where their sources are, relative to this file. */
const SOURCES = {
  'import-worker': './bookings/import-worker.ts',
  checkpointer: './store/checkpointer.ts',
} as const;

export type WorkerEntry = keyof typeof SOURCES;

const here = import.meta.url;
const sourceBuilds = new Map<WorkerEntry, string>();

/**
 * Starts one of the server's worker threads. The production bundle (`dist/main.mjs`) has each
 * beside itself as `dist/<entry>.mjs` (server/build.ts). Run from TypeScript sources (tsx, tests),
 * Node 20 cannot load `.ts` in a worker, so the entry is bundled in memory once with esbuild (which
 * tsx itself runs on); native modules stay external.
 */
export async function startWorker(
  entry: WorkerEntry,
  workerData: unknown,
  transferList: ArrayBuffer[] = [],
): Promise<Worker> {
  if (here.endsWith('.mjs')) return new Worker(new URL(`./${entry}.mjs`, here), { workerData, transferList });
  let code = sourceBuilds.get(entry);
  if (code === undefined) {
    const { buildSync } = await import('esbuild');
    const { fileURLToPath } = await import('node:url');
    const out = buildSync({
      entryPoints: [fileURLToPath(new URL(SOURCES[entry], here))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      external: ['better-sqlite3'],
      logLevel: 'silent',
    });
    code = out.outputFiles[0]?.text ?? '';
    sourceBuilds.set(entry, code);
  }
  return new Worker(code, { eval: true, workerData, transferList });
}
