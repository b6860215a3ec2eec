// The non-secret settings, read from main and changed through it (main validates again with the core schema).
import type { Account } from '../../main/core/settings/schema.js';
import type { AccountDraft, Bridge, BridgeResult, ConnectionTestAnswer, SettingsPatch, SettingsView } from '../../preload/contract.js';

export class SettingsState {
  view = $state.raw<SettingsView | null>(null);
  readonly #bridge: Bridge;

  constructor(bridge: Bridge) {
    this.#bridge = bridge;
  }

  async load(): Promise<void> {
    this.view = await this.#bridge.getSettings();
  }

  async update(patch: SettingsPatch): Promise<BridgeResult<SettingsView>> {
    const result = await this.#bridge.updateSettings(patch);
    if (result.ok) this.view = result.value;
    return result;
  }

  async addAccount(draft: AccountDraft): Promise<BridgeResult<Account>> {
    const result = await this.#bridge.addAccount(draft);
    if (result.ok) await this.load();
    return result;
  }

  async editAccount(accountId: string, draft: Parameters<Bridge['editAccount']>[1]): Promise<BridgeResult<Account>> {
    const result = await this.#bridge.editAccount(accountId, draft);
    if (result.ok) await this.load();
    return result;
  }

  async removeAccount(accountId: string, deleteHistory: boolean): Promise<BridgeResult<void>> {
    const result = await this.#bridge.removeAccount(accountId, { deleteHistory });
    if (result.ok) await this.load();
    return result;
  }

  testConnection(target: AccountDraft | { readonly accountId: string }): Promise<BridgeResult<ConnectionTestAnswer>> {
    return this.#bridge.testConnection(target);
  }

  pauseNotifications(until: number | null): Promise<void> {
    return this.#bridge.pauseNotifications(until);
  }
}
