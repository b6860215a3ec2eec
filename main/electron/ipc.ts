// Main's end of the bridge: one `ipcMain.handle` per contract request. Each call is refused unless it comes from
// the main frame of one of our windows on the app's own origin, and its arguments are checked at run time
// (core/shell/bridge-payloads.ts) before the handler sees them. Events go out on the contract's event channels.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { BRIDGE_REQUESTS, eventChannel, requestChannel, type BridgeEvents, type BridgeRequests } from '../../preload/contract.js';
import { isAppUrl } from '../core/shell/app-url.js';
import { parseBridgePayload } from '../core/shell/bridge-payloads.js';

/** Who asked: the web contents of one of our windows (closeWindow hides it, a save dialog is attached to it). */
export interface RequestSender {
  readonly webContents: WebContents;
}

export type BridgeHandlers = {
  readonly [K in keyof BridgeRequests]: (sender: RequestSender, ...args: Parameters<BridgeRequests[K]>) => ReturnType<BridgeRequests[K]> | Promise<ReturnType<BridgeRequests[K]>>;
};

/** Thrown to the renderer (Electron passes the message on); says why, never echoes a payload. */
export class BridgeRefusal extends Error {
  override readonly name = 'BridgeRefusal';
}

/**
 * Why a sender is refused, or null when it is trusted: the main frame (no iframe: the CSP allows none, but a
 * check costs nothing) of one of our windows, showing a page of the app's origin.
 */
export function senderRefusal(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, isOurWebContents: (contents: WebContents) => boolean): string | null {
  const frame = event.senderFrame;
  if (frame === null) return 'the sending frame is gone';
  if (!isOurWebContents(event.sender)) return 'the sender is not a Workspace Tray window';
  if (frame.parent !== null) return 'the sender is a sub-frame';
  if (!isAppUrl(frame.url)) return 'the sender is not showing a Workspace Tray page';
  return null;
}

/** Registers every request's handler; returns a function that removes them (quit, tests). */
export function registerBridgeHandlers(handlers: BridgeHandlers, isOurWebContents: (contents: WebContents) => boolean): () => void {
  for (const name of BRIDGE_REQUESTS) {
    ipcMain.handle(requestChannel(name), async (event, ...args: unknown[]) => {
      const refusal = senderRefusal(event, isOurWebContents);
      if (refusal !== null) throw new BridgeRefusal(`${name} refused: ${refusal}`);
      const parsed = parseBridgePayload(name, args);
      if (!parsed.ok) throw new BridgeRefusal(parsed.error);
      const handler = handlers[name] as (sender: RequestSender, ...args: unknown[]) => unknown;
      return handler({ webContents: event.sender }, ...parsed.value);
    });
  }
  return () => {
    for (const name of BRIDGE_REQUESTS) ipcMain.removeHandler(requestChannel(name));
  };
}

/** Sends an event to the given windows' pages, skipping any that has gone meanwhile. */
export function sendBridgeEvent<E extends keyof BridgeEvents>(targets: readonly WebContents[], event: E, payload: BridgeEvents[E]): void {
  const channel = eventChannel(event);
  for (const contents of targets) {
    if (!contents.isDestroyed()) contents.send(channel, payload);
  }
}
