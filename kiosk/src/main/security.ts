/**
 * Security policy of the kiosk window, as plain data and predicates (tested under Node). The shell
 * applies them to Electron's BrowserWindow, session and webContents.
 */

export interface KioskWindowOptions {
  width: number;
  height: number;
  kiosk: boolean;
  fullscreen: boolean;
  frame: boolean;
  autoHideMenuBar: boolean;
  backgroundColor: string;
  show: boolean;
  title: string;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    devTools: boolean;
    spellcheck: false;
    navigateOnDragDrop: false;
  };
}

export function windowOptions(opts: {
  preload: string;
  kioskMode: boolean;
  packaged: boolean;
}): KioskWindowOptions {
  return {
    width: 1080,
    height: 1920,
    kiosk: opts.kioskMode,
    fullscreen: opts.kioskMode,
    frame: !opts.kioskMode,
    autoHideMenuBar: true,
    backgroundColor: '#0b3d5c',
    show: false,
    title: 'Giliran — Kiosk',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // DevTools only on a developer's desktop build, never on a packaged kiosk.
      devTools: !opts.packaged,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  };
}

/** The kiosk page the window shows. */
export function kioskUrl(serverOrigin: string): string {
  return `${serverOrigin}/kiosk/`;
}

/** True only for http(s) URLs on the server's exact origin (scheme, host and port). */
export function isServerUrl(url: string, serverOrigin: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === serverOrigin;
  } catch {
    return false;
  }
}

/** Navigation inside the window: only to the kiosk app on the server. */
export function mayNavigate(url: string, serverOrigin: string): boolean {
  return isServerUrl(url, serverOrigin) && new URL(url).pathname.startsWith('/kiosk');
}

/**
 * Permissions (camera, notifications, geolocation, …): denied by default. `media` is allowed only
 * for video from the server origin, for the camera-QR fallback on kiosks that have a camera.
 */
export function mayGrantPermission(
  permission: string,
  requestingUrl: string,
  serverOrigin: string,
  details: { mediaTypes?: readonly string[] } = {},
): boolean {
  if (!isServerUrl(requestingUrl, serverOrigin)) return false;
  if (permission === 'media') {
    const types = details.mediaTypes ?? [];
    return types.length > 0 && types.every((t) => t === 'video');
  }
  return false;
}

/** Content-Security-Policy for every response shown in the window. */
export function contentSecurityPolicy(serverOrigin: string): string {
  const ws = serverOrigin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
  ].join('; ');
}

/** Adds the CSP to a response's headers (replacing any the server sent). */
export function withCsp(
  headers: Record<string, string[]> | undefined,
  serverOrigin: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  }
  out['Content-Security-Policy'] = [contentSecurityPolicy(serverOrigin)];
  return out;
}
