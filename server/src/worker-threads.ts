import type * as Esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** The server's worker threads, by name: where their sources are, relative to this file. */
const SOURCES = {
  'import-worker': './bookings/import-worker.ts',
  checkpointer: './store/checkpointer.ts',
  'queue-writer': './store/queue-writer.ts',
  'simulation-worker': './simulation/worker.ts',
} as const;

export type WorkerEntry = keyof typeof SOURCES;

export interface WorkerOptions {
  workerData?: unknown;
  transferList?: ArrayBuffer[];
  resourceLimits?: ResourceLimits;
}

const here = import.meta.url;
const sourceBuilds = new Map<WorkerEntry, string>();

/**
 * Starts one of the server's worker threads. The production bundle (`dist/main.mjs`) has each
 * beside itself as `dist/<entry>.mjs` (server/build.ts). Run from TypeScript sources (tsx, tests),
 * Node 20 cannot load `.ts` in a worker, so the entry is bundled in memory once with esbuild (which
 * tsx itself runs on); native modules stay external.
 */
export function startWorker(entry: WorkerEntry, options: WorkerOptions = {}): Worker {
  if (here.endsWith('.mjs')) return new Worker(new URL(`./${entry}.mjs`, here), options);
  let code = sourceBuilds.get(entry);
  if (code === undefined) {
    // Loaded only from sources: the bundle keeps esbuild external and never reaches this line.
    const { buildSync } = createRequire(here)('esbuild') as typeof Esbuild;
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
  return new Worker(code, { ...options, eval: true });
}
