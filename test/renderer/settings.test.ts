// The settings page: inline problems from the settings schema, changes sent to main, language switch, onboarding.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Settings from '../../renderer/views/Settings.svelte';
import { AppStore } from '../../renderer/state/app.svelte.js';
import { i18n } from '../../renderer/lib/i18n.svelte.js';
import { FakeBridge, SCENARIOS } from '../fakes/fake-bridge.js';

async function settingsPage(fake: FakeBridge) {
  const store = new AppStore(fake.bridge, { hash: '#/settings' }, new EventTarget());
  await store.start({ tick: false });
  render(Settings, { props: { store } });
  await screen.findByLabelText('Update every (seconds)');
  return store;
}

describe('Settings', () => {
  beforeEach(() => {
    i18n.lang = 'en';
  });
  afterEach(() => cleanup());

  it('rejects an interval the schema does not allow, inline, and sends a valid one', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    await settingsPage(fake);
    const interval = screen.getByLabelText('Update every (seconds)') as HTMLInputElement;
    await vi.waitFor(() => expect(interval.value).toBe('60'));
    await fireEvent.input(interval, { target: { value: '5' } });
    await fireEvent.change(interval);
    expect(screen.getByText('At least 15.')).toBeTruthy();
    expect(fake.calls.some((call) => call.name === 'updateSettings')).toBe(false);
    await fireEvent.input(interval, { target: { value: '120' } });
    await fireEvent.change(interval);
    await vi.waitFor(() => expect(fake.settings.polling.intervalSeconds).toBe(120));
    expect(fake.calls.find((call) => call.name === 'updateSettings')?.args).toEqual([{ polling: { intervalSeconds: 120 } }]);
  });

  it('the settings window fetches no group lists (it shows accounts only)', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    const store = await settingsPage(fake);
    expect(store.router.window).toBe('settings');
    expect(fake.calls.filter((call) => call.name === 'getGroups')).toEqual([]);
    const dashboard = new AppStore(fake.bridge, { hash: '#/dashboard' }, new EventTarget());
    await dashboard.start({ tick: false });
    expect(fake.calls.filter((call) => call.name === 'getGroups').length).toBeGreaterThan(0);
  });

  it('shares are edited in percent and stored as fractions', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    await settingsPage(fake);
    const share = screen.getByLabelText('Group: minimum rise (% of desktops)') as HTMLInputElement;
    await vi.waitFor(() => expect(share.value).toBe('20'));
    await fireEvent.input(share, { target: { value: '150' } });
    await fireEvent.change(share);
    expect(screen.getByText('At most 100.')).toBeTruthy();
    await fireEvent.input(share, { target: { value: '35' } });
    await fireEvent.change(share);
    await vi.waitFor(() => expect(fake.settings.alerts.groupMinShare).toBeCloseTo(0.35));
  });

  it('switching the language to Chinese re-labels the page', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    await settingsPage(fake);
    await fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'zh-CN' } });
    await screen.findByText('更新间隔（秒）');
    expect(i18n.lang).toBe('zh-CN');
  });

  it('first run: the demo call to action opens the account form', async () => {
    const fake = new FakeBridge(SCENARIOS.demo());
    await settingsPage(fake);
    expect(screen.getByRole('heading', { name: 'Demo data: connect your account' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Connect your account' }));
    expect(screen.getByRole('form', { name: 'Add account' })).toBeTruthy();
  });
});
