// Electron's security checklist, applied to every web contents the app ever creates: no navigation away from
// the page, no new windows, no <webview>, no permissions, and links out only to the Huawei Cloud consoles
// (core/shell/external-links.ts), opened in the person's browser.
import { app, session, shell } from 'electron';
import { isConsoleUrl } from '../core/shell/external-links.js';

/** Opens a console link in the browser; anything else is refused (false). */
export async function openConsoleLink(url: string): Promise<boolean> {
  if (!isConsoleUrl(url)) return false;
  // Reviewed: the only openExternal in the app, reached only with an https URL on a console host (checked above).
  await shell.openExternal(url, { activate: true }); // eng-disable OPEN_EXTERNAL_JS_CHECK
  return true;
}

export function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    // The renderer is a single page: it changes views by hash, which is not a navigation. Anything else would
    // load foreign content into a window holding the bridge.
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      void openConsoleLink(url);
    });
    contents.on('will-redirect', (event) => {
      event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      void openConsoleLink(url);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
    });
  });
  // Camera, microphone, notifications from the page, geolocation...: the renderer needs none of them (native
  // notifications come from main). Deny the requests and answer every check with "not granted".
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);
}
