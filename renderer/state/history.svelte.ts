// One history query at a time per view: a newer request wins, an answer that arrives late is dropped.
import type { Bridge, HistoryAnswer, HistoryRange, HistoryRequest, WorkspaceError } from '../../preload/contract.js';

export type HistoryStatus = 'idle' | 'loading' | 'ready' | 'error';

export class HistoryState {
  status = $state<HistoryStatus>('idle');
  answer = $state.raw<HistoryAnswer | null>(null);
  error = $state.raw<WorkspaceError | null>(null);
  request = $state.raw<HistoryRequest | null>(null);
  readonly #bridge: Bridge;
  #sequence = 0;

  constructor(bridge: Bridge) {
    this.#bridge = bridge;
  }

  async query(accountId: string, series: readonly string[], range: HistoryRange): Promise<void> {
    const request: HistoryRequest = { accountId, series, range };
    const sequence = ++this.#sequence;
    this.request = request;
    this.status = 'loading';
    try {
      const result = await this.#bridge.queryHistory(request);
      if (sequence !== this.#sequence) return;
      if (result.ok) {
        this.answer = result.value;
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
