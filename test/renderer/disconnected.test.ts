// The group page's "who is disconnected": fetched only when asked, longest first, searchable, notes when cut short,
// the error banner with its hint, CSV export, and both languages.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DisconnectedList from '../../renderer/components/DisconnectedList.svelte';
import { AppStore } from '../../renderer/state/app.svelte.js';
import { DisconnectedState, filterRows, sortLongestFirst } from '../../renderer/state/disconnected.svelte.js';
import { i18n } from '../../renderer/lib/i18n.svelte.js';
import { workspaceError } from '../../main/core/errors.js';
import { FakeBridge, PROD_ID, SCENARIOS } from '../fakes/fake-bridge.js';

const STORM = 'CallCenter-Night';

// The section as the group page places it (the page itself draws a uPlot chart, which jsdom cannot).
async function groupPage(fake: FakeBridge, groupKey: string | null = STORM) {
  const store = new AppStore(fake.bridge, { hash: `#/group/${PROD_ID}/${groupKey ?? '(fleet)'}` }, new EventTarget());
  await store.start({ tick: false });
  await vi.waitFor(() => expect(store.groups.get(PROD_ID)).toBeDefined());
  render(DisconnectedList, { props: { bridge: store.bridge, accountId: PROD_ID, groupKey, now: fake.now } });
  return store;
}

const listCalls = (fake: FakeBridge) => fake.calls.filter((call) => call.name === 'listDisconnected');

describe('DisconnectedState', () => {
  it('loads on demand, sorts longest first with unknown since last, filters by every word', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    fake.storm(PROD_ID, STORM, 40);
    const state = new DisconnectedState(fake.bridge);
    state.show(PROD_ID, STORM);
    expect(state.status).toBe('idle');
    expect(listCalls(fake)).toHaveLength(0);
    await state.load(PROD_ID, STORM);
    expect(state.status).toBe('ready');
    expect(listCalls(fake)).toEqual([{ name: 'listDisconnected', args: [PROD_ID, STORM] }]);
    const sinces = state.rows.map((row) => row.since);
    const known = sinces.filter((since): since is number => since !== null);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    if (sinces.includes(null)) expect(sinces.indexOf(null)).toBe(known.length);
    const first = state.rows[0];
    const user = first?.users?.[0] ?? '';
    state.query = `${user.toUpperCase()}  `;
    expect(state.shown.length).toBeGreaterThan(0);
    expect(state.shown.every((row) => row.users?.some((name) => name === user) || (row.lastConnection?.connectionFailureReason ?? '').toLowerCase().includes(user))).toBe(true);
    state.query = 'no-such-thing-anywhere';
    expect(state.shown).toEqual([]);
    // Another group: forgotten until asked again.
    state.show(PROD_ID, 'Finance-Shanghai');
    expect(state.status).toBe('idle');
    expect(state.list).toBeNull();
    expect(state.query).toBe('');
  });

  it('drops a late answer for a group no longer shown', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    const state = new DisconnectedState(fake.bridge);
    const first = state.load(PROD_ID, STORM);
    state.show(PROD_ID, 'Finance-Shanghai');
    await first;
    expect(state.status).toBe('idle');
    expect(state.list).toBeNull();
  });

  it('pure helpers: sort and filter', () => {
    const row = (name: string, since: number | null, users: string[] | null) => ({ desktopId: name, desktopName: name, connectStatus: 'DISCONNECTED', users, since, sinceSource: null, lastConnection: null, groupKey: null });
    const rows = [row('b', 300, ['bob']), row('x', null, null), row('a', 100, ['alice', 'Chen']), row('c', 300, ['carol'])];
    expect(sortLongestFirst(rows).map((r) => r.desktopName)).toEqual(['a', 'b', 'c', 'x']);
    expect(filterRows(rows, 'chen a').map((r) => r.desktopName)).toEqual(['a']);
    expect(filterRows(rows, '  ').length).toBe(4);
  });
});

describe('DisconnectedList (group page): who is disconnected', () => {
  beforeEach(() => {
    i18n.lang = 'en';
  });
  afterEach(() => cleanup());

  it('fetches nothing until asked, then shows a table longest first, searchable, and exports CSV', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    fake.storm(PROD_ID, STORM, 40);
    const store = await groupPage(fake);
    expect(listCalls(fake)).toHaveLength(0);
    // Polls do not fetch the list.
    fake.poll(PROD_ID, (groups) => groups);
    await fireEvent.click(screen.getByRole('button', { name: 'Show who is disconnected' }));
    const table = await screen.findByRole('table', { name: 'Disconnected desktops, longest disconnected first' });
    expect(listCalls(fake)).toHaveLength(1);
    const headers = within(table).getAllByRole('columnheader').map((header) => header.textContent?.trim());
    expect(headers).toEqual(['Desktop', 'User(s)', 'Disconnected since', 'Last connection ended', 'Failure reason', 'RTT', 'Client']);
    const list = fake.request_listDisconnected(PROD_ID, STORM);
    if (!list.ok) throw new Error('fake list failed');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(list.value.desktops.length);
    expect(rows.length).toBeGreaterThan(10);
    // Longest first: the first row's "since" is the oldest.
    const times = [...table.querySelectorAll('tbody time')].map((time) => Date.parse(time.getAttribute('datetime') ?? ''));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(within(rows[0] as HTMLElement).getByRole('rowheader').textContent).toBe(list.value.desktops[0]?.desktopName);
    expect(rows[0]?.textContent).toMatch(/ago|yesterday|days/);
    expect(list.value.complete).toBe(true);
    expect(screen.queryByText('The list is incomplete.')).toBeNull();
    // The only note: desktops of the account that no group matched by name (the fake has three), never hidden.
    expect(screen.getAllByRole('note').map((note) => note.textContent)).toEqual([expect.stringContaining('3 disconnected desktops of this account could not be matched to a group')]);

    const search = screen.getByRole('searchbox', { name: 'Search' });
    const target = list.value.desktops[3]?.desktopName ?? '';
    await fireEvent.input(search, { target: { value: target.toLowerCase() } });
    expect(within(table).getAllByRole('row').slice(1).map((row) => within(row).getByRole('rowheader').textContent)).toEqual([target]);
    expect(screen.getByText(new RegExp(`^1 of ${rows.length} desktops`))).toBeTruthy();
    await fireEvent.input(search, { target: { value: 'zzz-nothing' } });
    expect(screen.getByText('No desktop matches “zzz-nothing”.')).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await vi.waitFor(() => expect(fake.exports).toEqual([{ kind: 'disconnected', accountId: PROD_ID, groupKey: STORM }]));
    expect(await screen.findByText('Saved to /home/admin/Downloads/workspace-disconnected.csv')).toBeTruthy();
    expect(store.history.status).not.toBe('error');
  });

  it('an error: a banner with its message and hint; Reload asks again', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    fake.disconnectedError = workspaceError('throttled', 'Too many look-ups for this account (HTTP 429)', { httpStatus: 429, hint: 'Try again in a minute.' });
    await groupPage(fake);
    await fireEvent.click(screen.getByRole('button', { name: 'Show who is disconnected' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Too many look-ups for this account (HTTP 429)');
    expect(alert.textContent).toContain('Try again in a minute.');
    fake.disconnectedError = null;
    await fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(await screen.findByRole('table')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(listCalls(fake)).toHaveLength(2);
  });

  it('the fleet page asks for the whole account; a group with none says so; Simplified Chinese', async () => {
    const fake = new FakeBridge({ ...SCENARIOS.twelve(), systemLanguage: 'zh-CN' });
    fake.poll(PROD_ID, (groups) => groups.map((group) => (group.key === STORM ? { ...group, disconnected_num: 0 } : group)));
    await groupPage(fake);
    await fireEvent.click(await screen.findByRole('button', { name: '查看谁已断开' }));
    expect(await screen.findByText('没有已断开的桌面。')).toBeTruthy();
    cleanup();
    await groupPage(fake, null);
    await fireEvent.click(await screen.findByRole('button', { name: '查看谁已断开' }));
    expect(await screen.findByRole('table')).toBeTruthy();
    expect(listCalls(fake).at(-1)).toEqual({ name: 'listDisconnected', args: [PROD_ID, null] });
    // The whole account has more than the page budget: the list says it is incomplete, with main's note.
    const list = fake.request_listDisconnected(PROD_ID, null);
    if (!list.ok) throw new Error('fake list failed');
    expect(list.value.complete).toBe(false);
    const note = screen.getAllByRole('note')[0] as HTMLElement;
    expect(note.textContent).toContain('列表不完整。');
    // main's note, in Chinese: how far the list got, and how to see the rest.
    expect(note.textContent).toMatch(/桌面：读取 \d+ 页后停止（已列出 [\d,]+ 个，共 [\d,]+ 个）；提高页数上限可查看其余/);
    expect(note.textContent).not.toContain(list.value.notes[0]?.text ?? '');
    // The fleet's list names each desktop's group, or says that none matched it.
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent?.trim()).slice(0, 4)).toEqual(['桌面', '桌面组', '用户', '断开时长']);
  });
});
