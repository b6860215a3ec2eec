// The preload: exposes ONE narrow object, `window.workspaceTray`, with a method per contract request and an `on`
// for the contract's events. No raw ipcRenderer, no channel names, no generic send: a compromised page can only
// make the calls listed in preload/contract.ts, and main validates each of them again.
//
// Runs sandboxed with context isolation, so it is bundled to CommonJS (dist/preload/index.cjs): sandboxed
// preloads get a small `require` (electron's renderer modules) and cannot be ES modules.
import { contextBridge } from 'electron';
import { BRIDGE_EVENTS, BRIDGE_GLOBAL, BRIDGE_REQUESTS, type Bridge, type BridgeEvents, type BridgeRequests } from './contract.js';
import { invoke, on } from './ipc.js';

type RequestMethods = { [K in keyof BridgeRequests]: Bridge[K] };

function requestMethods(): RequestMethods {
  // One forwarding function per name in the contract's list; the list itself is checked complete at compile time.
  const forward = <K extends keyof BridgeRequests>(name: K) => (...args: Parameters<BridgeRequests[K]>) => invoke(name, ...args);
  return Object.fromEntries(BRIDGE_REQUESTS.map((name) => [name, forward(name)])) as unknown as RequestMethods;
}

const isBridgeEvent = (name: unknown): name is keyof BridgeEvents => typeof name === 'string' && (BRIDGE_EVENTS as readonly string[]).includes(name);

const api: Bridge = Object.freeze({
  ...requestMethods(),
  on<E extends keyof BridgeEvents>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void {
    // The page is not trusted to pass what the types say: an unknown name must not become a raw channel.
    if (!isBridgeEvent(event)) throw new TypeError(`workspaceTray.on: unknown event ${JSON.stringify(String(event))}; events are ${BRIDGE_EVENTS.join(', ')}`);
    if (typeof listener !== 'function') throw new TypeError('workspaceTray.on: the listener must be a function');
    return on(event, listener);
  },
});

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, api);
