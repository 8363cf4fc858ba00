import type { IncomingMessage, ServerResponse } from 'node:http';

/** `Host` as browsers send it: a DNS name or IPv4 address, or a bracketed IPv6 address, and a port. */
const HOST = /^([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(:\d{1,5})?$/;

/**
 * Headers on every response, API, files and Socket.IO alike. The CSP fits the built apps: scripts,
 * styles, fonts, voice clips and images only from this server (React sets inline styles through the
 * DOM, which `style-src 'self'` allows), `data:`/`blob:` images and media (QR codes, the dashboard's
 * CSV download, decoded audio), and the WebSocket to this same host — named explicitly because
 * older Safari does not count `ws:` as `'self'`. No framing (clickjacking), no MIME sniffing, and no
 * Referer: the phone page's URL holds its tracking token.
 */
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse, tls: boolean): void {
  const host = req.headers.host;
  const socket = host && HOST.test(host) ? ` ${tls ? 'wss' : 'ws'}://${host}` : '';
  res.setHeader(
    'content-security-policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "media-src 'self' data: blob:",
      "font-src 'self'",
      `connect-src 'self'${socket}`,
      "worker-src 'none'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
}

/**
 * Whether a Socket.IO handshake may proceed. Browsers always send `Origin` on a WebSocket or
 * cross-origin request, and a page on another site cannot forge it: it must be this server's own
 * origin (same scheme and `Host`), or one listed in `GILIRAN_ALLOWED_ORIGINS`. Clients that are
 * not browsers send no `Origin` (the tests, the bench, the Electron kiosk's main process — its
 * window loads the kiosk page from this server, so its sockets are same-origin); they are let
 * through, as they could send any header anyway, and still need a valid credential.
 */
export function originAllowed(req: IncomingMessage, tls: boolean, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin?.toLowerCase();
  if (origin === undefined) return true;
  if (allowed.has(origin)) return true;
  const host = req.headers.host?.toLowerCase();
  return !!host && origin === `${tls ? 'https' : 'http'}://${host}`;
}

/** `GILIRAN_ALLOWED_ORIGINS=http://10.0.0.2:5173,https://antrean.kanim-dps.go.id` → a set of origins. */
export function parseAllowedOrigins(value: string | undefined): Set<string> {
  const origins = new Set<string>();
  for (const raw of (value ?? '').split(',')) {
    const v = raw.trim();
    if (!v) continue;
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      throw new Error(`GILIRAN_ALLOWED_ORIGINS: "${v}" is not an origin like http://10.0.0.2:8080`);
    }
    if (url.origin !== v.replace(/\/$/, '') || !/^https?:$/.test(url.protocol))
      throw new Error(`GILIRAN_ALLOWED_ORIGINS: "${v}" is not an origin like http://10.0.0.2:8080`);
    origins.add(url.origin.toLowerCase());
  }
  return origins;
}
