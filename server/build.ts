/**
 * Bundles the server into one ES module (`dist/main.mjs`) for production: plain `node` starts
 * faster and uses ~40 MB less memory than transpiling TypeScript at run time with tsx. Native
 * modules stay external and load from node_modules.
 */
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('./src/main.ts', import.meta.url).pathname],
  outfile: new URL('./dist/main.mjs', import.meta.url).pathname,
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
});
