// The only code that touches ipcRenderer: typed wrappers over the contract's channels. Everything else in the
// preload (and nothing in the renderer) names a channel.
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventChannel, requestChannel, type BridgeEvents, type BridgeRequests } from './contract.js';

/** Calls main's handler for `name`; main validates the arguments and answers with the contract's return type. */
export function invoke<K extends keyof BridgeRequests>(name: K, ...args: Parameters<BridgeRequests[K]>): Promise<ReturnType<BridgeRequests[K]>> {
  return ipcRenderer.invoke(requestChannel(name), ...args) as Promise<ReturnType<BridgeRequests[K]>>;
}

/** Listens to one of main's events; returns the unsubscribe function. The Electron event object stays here. */
export function on<E extends keyof BridgeEvents>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void {
  const channel = eventChannel(event);
  const forward = (_event: IpcRendererEvent, payload: BridgeEvents[E]): void => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}
