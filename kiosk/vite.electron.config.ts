import { defineConfig } from 'vite';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

// Builds the Electron half: `--mode main` → dist/main/main.js (ESM, Node), `--mode preload` →
// dist/preload/preload.cjs (CommonJS: a sandboxed preload cannot be an ES module and may only
// require `electron`). Native modules stay external and load lazily in hardware/.
const external = [
  'electron',
  'node-hid',
  'serialport',
  /^@serialport\//,
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
];

export default defineConfig(({ mode }) => {
  const preload = mode === 'preload';
  return {
    publicDir: false,
    build: {
      outDir: fileURLToPath(new URL(preload ? './dist/preload' : './dist/main', import.meta.url)),
      emptyOutDir: true,
      target: 'node22',
      ssr: true,
      minify: false,
      sourcemap: true,
      rollupOptions: {
        input: fileURLToPath(
          new URL(preload ? './src/preload/preload.ts' : './src/main/main.ts', import.meta.url),
        ),
        external,
        output: preload
          ? { format: 'cjs', entryFileNames: 'preload.cjs' }
          : { format: 'es', entryFileNames: 'main.js' },
      },
    },
    ssr: { noExternal: true, external: ['electron', 'node-hid', 'serialport'] },
  };
});
