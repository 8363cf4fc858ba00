/**
 * Bundles the server into one ES module (`dist/main.mjs`) for production: plain `node` starts
 * faster and uses ~40 MB less memory than transpiling TypeScript at run time with tsx. Native
 * modules stay external and load from node_modules.
 */
import { build, type BuildOptions } from 'esbuild';

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'node-hid', 'serialport', '@serialport/*', 'bufferutil', 'utf-8-validate'],
  // Bundled CommonJS dependencies call require(); give the ES module one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: [new URL('./src/main.ts', import.meta.url).pathname],
  outfile: new URL('./dist/main.mjs', import.meta.url).pathname,
});
// The capacity planner's worker thread, found beside main.mjs (server/src/simulation/planner-runner.ts).
await build({
  ...common,
  entryPoints: [new URL('./src/simulation/worker.ts', import.meta.url).pathname],
  outfile: new URL('./dist/simulation-worker.mjs', import.meta.url).pathname,
});
