// The popup in jsdom: totals, unknown counts, ranking, banners with their actions, keyboard, the ticking age.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import Popup from '../../renderer/views/Popup.svelte';
import { AppStore } from '../../renderer/state/app.svelte.js';
import { i18n } from '../../renderer/lib/i18n.svelte.js';
import { BRANCH_ID, FakeBridge, PROD_ID, SCENARIOS } from '../fakes/fake-bridge.js';

async function popup(fake: FakeBridge) {
  const store = new AppStore(fake.bridge, { hash: '#/popup' }, new EventTarget());
  await store.start({ tick: false });
  await vi.waitFor(() => expect(store.groups.get([...fake.accounts.keys()][0] ?? '')).toBeDefined());
  render(Popup, { props: { store } });
  return store;
}

const text = (value: string) => value.replace(/\u00ad/g, '');

describe('Popup', () => {
  beforeAll(() => {
    // jsdom does no layout; the popup scrolls the active row into view.
    Element.prototype.scrollIntoView ??= () => {};
  });
  beforeEach(() => {
    i18n.lang = 'en';
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('shows the fleet totals and ranks the groups by the badge metric', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    await popup(fake);
    const totals = fake.state().totals;
    expect(document.querySelector('dd[data-field=disconnected_num]')?.textContent).toBe(totals?.disconnected_num?.toLocaleString('en'));
    const options = screen.getAllByRole('option');
    expect(options).toHaveLength(12);
    const values = options.map((option) => option.querySelector('.value')?.textContent ?? '');
    // Known values descending, then the group whose login counts are unknown (never shown as 0).
    expect(values.at(-1)).toBe('unknown');
    const known = values.slice(0, -1).map(Number);
    expect(known).toEqual([...known].sort((a, b) => b - a));
  });

  it('moves with the arrow keys, drills down with Enter and closes with Escape', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    await popup(fake);
    const list = screen.getByRole('listbox');
    await fireEvent.keyDown(list, { key: 'ArrowDown' });
    await fireEvent.keyDown(list, { key: 'ArrowDown' });
    const active = screen.getAllByRole('option')[2];
    expect(active?.getAttribute('aria-selected')).toBe('true');
    expect(list.getAttribute('aria-activedescendant')).toBe(active?.id);
    await fireEvent.keyDown(list, { key: 'Enter' });
    const name = active?.querySelector('.name')?.textContent;
    expect(fake.calls.at(-1)).toEqual({ name: 'openDashboard', args: [{ view: 'group', accountId: PROD_ID, groupKey: name }] });
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(fake.calls.at(-1)?.name).toBe('closeWindow');
  });

  it('says how old the data is, ticking', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    const fake = new FakeBridge({ ...SCENARIOS.twelve(), now: Date.now() });
    const store = new AppStore(fake.bridge, { hash: '#/popup' }, new EventTarget());
    await store.start();
    render(Popup, { props: { store } });
    expect(screen.getByTestId('age').textContent).toBe('Updated 20 seconds ago');
    await vi.advanceTimersByTimeAsync(45_000);
    expect(screen.getByTestId('age').textContent).toBe('Updated 1 minute ago');
  });

  it('a halted account: a plain banner whose action opens that account in settings; the switcher shows all accounts', async () => {
    const fake = new FakeBridge(SCENARIOS.several());
    await popup(fake);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Branch offices: The credentials were rejected or have expired.');
    await fireEvent.click(within(alert).getByRole('button', { name: 'Reconnect the account' }));
    expect(fake.calls.at(-1)).toEqual({ name: 'openDashboard', args: [{ view: 'settings', section: 'accounts', accountId: BRANCH_ID }] });
    const radios = screen.getAllByRole('radio');
    expect(radios.map((radio) => radio.textContent?.trim())).toEqual(['All accounts', 'Production', 'Branch offices!']);
    expect(screen.getAllByRole('option')).toHaveLength(24);
    await fireEvent.click(radios[1] as HTMLElement);
    expect(screen.getAllByRole('option')).toHaveLength(12);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('demo data: says so and offers to connect an account; a refresh in flight shows a spinner', async () => {
    const fake = new FakeBridge(SCENARIOS.demo());
    await popup(fake);
    expect(screen.getByText('Demo data: connect your account to see your own desktops.')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Connect your account' }));
    expect(fake.calls.at(-1)).toEqual({ name: 'openDashboard', args: [{ view: 'settings', section: 'add-account' }] });
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    await vi.waitFor(() => expect(screen.getByRole('status', { name: 'Refreshing…' })).toBeTruthy());
  });

  it('speaks Simplified Chinese with Chinese number formatting when main says so', async () => {
    const fake = new FakeBridge({ ...SCENARIOS.twelve(), systemLanguage: 'zh-CN' });
    await popup(fake);
    expect(screen.getByRole('button', { name: '打开仪表板' })).toBeTruthy();
    expect(text(screen.getByText(/桌面组（按/).textContent ?? '')).toContain('已断开');
    expect(document.documentElement.lang === 'zh-CN' || i18n.lang === 'zh-CN').toBe(true);
  });
});
