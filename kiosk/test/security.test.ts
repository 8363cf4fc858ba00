import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  isServerUrl,
  kioskUrl,
  mayGrantPermission,
  mayNavigate,
  windowOptions,
  withCsp,
} from '../src/main/security.ts';

const origin = 'http://10.0.0.2:8080';

describe('window options', () => {
  it('locks the renderer down: isolation, sandbox, no Node', () => {
    const o = windowOptions({ preload: '/app/preload.cjs', kioskMode: true, packaged: true });
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      devTools: false,
      preload: '/app/preload.cjs',
    });
    expect(o).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true });
  });

  it('allows DevTools only when not packaged', () => {
    expect(windowOptions({ preload: 'p', kioskMode: false, packaged: false }).webPreferences.devTools).toBe(
      true,
    );
    expect(windowOptions({ preload: 'p', kioskMode: false, packaged: false }).kiosk).toBe(false);
  });
});

describe('navigation', () => {
  it('allows only the kiosk app on the server origin', () => {
    expect(kioskUrl(origin)).toBe('http://10.0.0.2:8080/kiosk/');
    expect(mayNavigate('http://10.0.0.2:8080/kiosk/', origin)).toBe(true);
    expect(mayNavigate('http://10.0.0.2:8080/kiosk/?token=x', origin)).toBe(true);
    expect(mayNavigate('http://10.0.0.2:8080/counter', origin)).toBe(false);
    expect(mayNavigate('http://10.0.0.2:8081/kiosk/', origin)).toBe(false);
    expect(mayNavigate('https://10.0.0.2:8080/kiosk/', origin)).toBe(false);
    expect(mayNavigate('https://evil.example/kiosk/', origin)).toBe(false);
    expect(mayNavigate('file:///etc/passwd', origin)).toBe(false);
    expect(mayNavigate('javascript:alert(1)', origin)).toBe(false);
    expect(mayNavigate('not a url', origin)).toBe(false);
  });

  it('does not confuse look-alike hosts', () => {
    expect(isServerUrl('http://10.0.0.2:8080.evil.example/kiosk/', origin)).toBe(false);
    expect(isServerUrl('http://user@10.0.0.2:8080/kiosk/', origin)).toBe(true);
  });
});

describe('permissions', () => {
  it('denies everything by default', () => {
    for (const p of [
      'notifications',
      'geolocation',
      'midi',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      expect(mayGrantPermission(p, `${origin}/kiosk/`, origin)).toBe(false);
    }
  });
  it('allows camera video (QR fallback) from the server only, never the microphone', () => {
    expect(mayGrantPermission('media', `${origin}/kiosk/`, origin, { mediaTypes: ['video'] })).toBe(true);
    expect(mayGrantPermission('media', `${origin}/kiosk/`, origin, { mediaTypes: ['audio'] })).toBe(false);
    expect(mayGrantPermission('media', `${origin}/kiosk/`, origin, { mediaTypes: ['video', 'audio'] })).toBe(
      false,
    );
    expect(mayGrantPermission('media', `${origin}/kiosk/`, origin, {})).toBe(false);
    expect(mayGrantPermission('media', 'https://evil.example/', origin, { mediaTypes: ['video'] })).toBe(
      false,
    );
  });
});

describe('CSP', () => {
  it('allows only self, data: images and the server websocket', () => {
    const csp = contentSecurityPolicy(origin);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' ws://10.0.0.2:8080");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy('https://kantor.local')).toContain('wss://kantor.local');
  });
  it('replaces any CSP the server sent and keeps the other headers', () => {
    const h = withCsp({ 'content-security-policy': ['*'], 'Content-Type': ['text/html'] }, origin);
    expect(h['Content-Type']).toEqual(['text/html']);
    expect(h['content-security-policy']).toBeUndefined();
    expect(h['Content-Security-Policy']).toEqual([contentSecurityPolicy(origin)]);
    expect(withCsp(undefined, origin)['Content-Security-Policy']).toHaveLength(1);
  });
});
