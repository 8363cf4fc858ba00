import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** Serves one file under `root`; false when there is none (never a path outside `root`). */
function serveFile(res: ServerResponse, root: string, rel: string): boolean {
  const path = normalize(join(root, rel));
  if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) return false;
  // Vite puts content-hashed files under assets/: they never change, everything else may.
  const immutable = rel.includes('/assets/');
  res.writeHead(200, {
    'content-type': MIME[extname(path)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(path).pipe(res);
  return true;
}

/** A single-page app: the file asked for, else its index.html (client-side routes). */
export function serveApp(res: ServerResponse, root: string, pathname: string): void {
  if (serveFile(res, root, pathname)) return;
  if (serveFile(res, root, '/index.html')) return;
  res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(
    'Tampilan belum dibangun. Jalankan: npm run build:web\nThe screens are not built yet. Run: npm run build:web\n',
  );
}
