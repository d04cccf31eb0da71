/**
 * Window hardening in one place: the renderer comes from app:// with its CSP; no navigation
 * (top frame or sub-frames), redirects, webviews or new windows; no permissions but
 * notifications from our own origin; links open in the browser only for the allow-list.
 */
import { app, protocol, session, shell } from 'electron';
import { APP_SCHEME, handleAppRequest, isAppUrl } from './app-protocol';
import { externalLinkAllowed } from './external-links';

/** Must run before the app is ready: app:// behaves as a standard, secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function hardenSessions(rendererDir: string): void {
  const ses = session.defaultSession;
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const answer = await handleAppRequest(rendererDir, { method: request.method, url: request.url });
    return new Response(typeof answer.body === 'string' ? answer.body : new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });
  });
  // isAppUrl, not URL.origin: Node's URL gives a custom scheme the origin "null".
  const allowed = (permission: string, url: string) => permission === 'notifications' && isAppUrl(url);
  ses.setPermissionRequestHandler((contents, permission, callback, details) => callback(allowed(permission, details.requestingUrl || contents.getURL())));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-frame-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Only our own page may ask, and only for the venues' and documentation's sites.
      if (isAppUrl(contents.getURL()) && externalLinkAllowed(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
