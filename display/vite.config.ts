import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';

// One app for /board, /counter, /dashboard and /t/<token>; the office server serves dist/.
// `npm run dev --workspace display` proxies the API and Socket.IO to a running office server
// (GILIRAN_SERVER_URL, default http://127.0.0.1:8080).
export default defineConfig(({ mode }) => {
  const server = loadEnv(mode, '.', 'GILIRAN_').GILIRAN_SERVER_URL ?? 'http://127.0.0.1:8080';
  return {
    base: '/',
    plugins: [react()],
    build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
    server: {
      proxy: {
        '/api': server,
        '/socket.io': { target: server, ws: true },
      },
    },
  };
});
