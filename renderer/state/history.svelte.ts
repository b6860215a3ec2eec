// One history query at a time per view: a newer request wins, an answer that arrives late is dropped.
import type { Bridge, HistoryAnswer, HistoryRange, HistoryRequest, WorkspaceError } from '../../preload/contract.js';
import { LatestAnswer, type LoadStatus } from './latest-answer.svelte.js';

export type HistoryStatus = LoadStatus;

export class HistoryState {
  request = $state.raw<HistoryRequest | null>(null);
  readonly #bridge: Bridge;
  readonly #latest = new LatestAnswer<HistoryAnswer>();

  constructor(bridge: Bridge) {
    this.#bridge = bridge;
  }

  get status(): HistoryStatus {
    return this.#latest.status;
  }

  /** The last answer, kept on screen while a newer query loads. */
  get answer(): HistoryAnswer | null {
    return this.#latest.value;
  }

  get error(): WorkspaceError | null {
    return this.#latest.error;
  }

  async query(accountId: string, series: readonly string[], range: HistoryRange): Promise<void> {
    const request: HistoryRequest = { accountId, series, range };
    this.request = request;
    await this.#latest.load(() => this.#bridge.queryHistory(request));
  }
}
