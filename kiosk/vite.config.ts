import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The check-in renderer. The office server serves `kiosk/dist/renderer` at `/kiosk/`, to Electron
// and to plain Chromium alike.
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: '/kiosk/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Same-origin files only: the kiosk's CSP has no 'unsafe-inline'.
    assetsInlineLimit: 0,
    target: 'chrome120',
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/socket.io': { target: 'ws://127.0.0.1:8080', ws: true } },
  },
});
