import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { AppError } from '@giliran/shared';
import { arrivedOnEventStream } from './event-stream.ts';
import { answerClientError, requestUrl, sendJson, type Router } from './router.ts';
import { serveApp } from './static-files.ts';

/** Folders of the built browser apps. */
export interface StaticDirs {
  display: string;
  kiosk: string;
}

/** A certificate (chain) and its private key, PEM: the server then speaks only https and wss. */
export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

export type WebServer = ReturnType<typeof createServer> | ReturnType<typeof createTlsServer>;

/**
 * The HTTP server: `/api/*` goes to the router (authorized by the matrix in shared/), `/kiosk/*`
 * to the browser kiosk, everything else to the display apps (board, counter, dashboard, phone).
 */
export function createHttpServer(router: Router, staticDirs: StaticDirs, tls: TlsFiles | null): WebServer {
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (arrivedOnEventStream(req)) {
      req.socket.destroy();
      return;
    }
    const url = requestUrl(req);
    if (!url) {
      sendJson(res, 400, {
        error: new AppError('invalid_payload', { detail: 'bad request target' }).toBody(),
      });
      return;
    }
    void (async () => {
      if (url.pathname.startsWith('/api/')) {
        if (!(await router.handle(req, res, url)))
          sendJson(res, 404, { error: new AppError('not_found').toBody() });
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      if (url.pathname === '/') {
        res.writeHead(302, { location: '/board' }).end();
        return;
      }
      if (url.pathname === '/kiosk') {
        res.writeHead(301, { location: `/kiosk/${url.search}` }).end();
        return;
      }
      if (url.pathname.startsWith('/kiosk/'))
        serveApp(res, staticDirs.kiosk, url.pathname.slice('/kiosk'.length));
      else serveApp(res, staticDirs.display, url.pathname);
    })().catch((e: unknown) => {
      console.error('[http]', e);
      if (!res.headersSent) sendJson(res, 500, { error: new AppError('internal').toBody() });
    });
  };
  const http = tls ? createTlsServer({ cert: tls.cert, key: tls.key }, handle) : createServer(handle);
  http.on('clientError', answerClientError);
  return http;
}
