// One bridge request at a time for a view's data: a newer request wins, and an answer that arrives after a newer
// request (or a reset) was made is dropped, so a slow answer for the last group or range never replaces the
// current one. Shared by the history and the disconnected list.
import type { BridgeResult, WorkspaceError } from '../../preload/contract.js';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export class LatestAnswer<T> {
  status = $state<LoadStatus>('idle');
  value = $state.raw<T | null>(null);
  error = $state.raw<WorkspaceError | null>(null);
  #sequence = 0;

  /** Forgets the value and makes any request under way stale. */
  reset(): void {
    this.#sequence += 1;
    this.status = 'idle';
    this.value = null;
    this.error = null;
  }

  /** Runs `request`; its answer (or its error) is kept only if no newer request or reset came meanwhile. */
  async load(request: () => Promise<BridgeResult<T>>): Promise<void> {
    const sequence = ++this.#sequence;
    this.status = 'loading';
    try {
      const result = await request();
      if (sequence !== this.#sequence) return;
      if (result.ok) {
        this.value = result.value;
        this.error = null;
        this.status = 'ready';
      } else {
        this.error = result.error;
        this.status = 'error';
      }
    } catch (error) {
      if (sequence !== this.#sequence) return;
      this.error = { kind: 'service', message: error instanceof Error ? error.message : String(error) };
      this.status = 'error';
    }
  }
}
