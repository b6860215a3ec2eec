// Issue 14 item 6 in jsdom: the popup's spiking group lists who is disconnected (only when asked, compact,
// searchable), the fleet page's failure analysis (top reasons, the networks and client versions failures share),
// and desktops no group matches shown as such, never hidden or guessed into a group.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import Popup from '../../renderer/views/Popup.svelte';
import DisconnectedList from '../../renderer/components/DisconnectedList.svelte';
import FailureSummary from '../../renderer/components/FailureSummary.svelte';
import { AppStore } from '../../renderer/state/app.svelte.js';
import { DisconnectedState } from '../../renderer/state/disconnected.svelte.js';
import { i18n } from '../../renderer/lib/i18n.svelte.js';
import { FakeBridge, PROD_ID, SCENARIOS } from '../fakes/fake-bridge.js';

const STORM = 'CallCenter-Night';
const listCalls = (fake: FakeBridge) => fake.calls.filter((call) => call.name === 'listDisconnected');

async function started(fake: FakeBridge, hash: string) {
  const store = new AppStore(fake.bridge, { hash }, new EventTarget());
  await store.start({ tick: false });
  await vi.waitFor(() => expect(store.groups.get(PROD_ID)).toBeDefined());
  return store;
}

beforeAll(() => {
  Element.prototype.scrollIntoView ??= () => {};
});
beforeEach(() => {
  i18n.lang = 'en';
});
afterEach(() => cleanup());

describe('the popup: who is disconnected in the spiking group', () => {
  it('offers the spiking group, lists its desktops only when asked, searchable, and steps back', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    const store = await started(fake, '#/popup');
    render(Popup, { props: { store } });
    // Calm: no spiking group, nothing offered.
    expect(screen.queryByRole('button', { name: 'Show who' })).toBeNull();

    fake.storm(PROD_ID, STORM, 40);
    const show = await screen.findByRole('button', { name: 'Show who' });
    const disconnected = store.groups.get(PROD_ID)?.groups.find((group) => group.key === STORM)?.disconnected_num ?? 0;
    expect(screen.getByText(`${STORM}: ${disconnected} disconnected`)).toBeTruthy();
    // Polls never fetch the list.
    fake.poll(PROD_ID, (groups) => groups);
    expect(listCalls(fake)).toHaveLength(0);

    await fireEvent.click(show);
    const table = await screen.findByRole('table', { name: `Disconnected desktops of ${STORM}, longest disconnected first` });
    expect(listCalls(fake)).toEqual([{ name: 'listDisconnected', args: [PROD_ID, STORM] }]);
    expect(within(table).getAllByRole('columnheader').map((header) => header.textContent?.trim())).toEqual(['User', 'Desktop', 'Since', 'Reason']);
    const answer = fake.request_listDisconnected(PROD_ID, STORM);
    if (!answer.ok) throw new Error('fake list failed');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(answer.value.desktops.length);
    // Longest first, the user in the row header, the desktop beside it.
    const first = answer.value.desktops[0];
    expect(within(rows[0] as HTMLElement).getByRole('rowheader').textContent).toBe(first?.users?.join(', '));
    expect(rows[0]?.textContent).toContain(first?.desktopName ?? '?');
    // The group list gives way to the panel while it is open.
    expect(screen.queryByRole('listbox')).toBeNull();

    const target = answer.value.desktops[4]?.desktopName ?? '';
    await fireEvent.input(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: target.toLowerCase() } });
    expect(within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual([target]);
    expect(screen.getByText(`1 of ${rows.length} desktops`)).toBeTruthy();

    // The group recovers while the admin reads: the panel stays until they leave it.
    fake.emit('state', { ...fake.state(), accounts: fake.state().accounts.map((account) => (account.id === PROD_ID ? { ...account, spikingGroupKeys: [] } : account)) });
    await vi.waitFor(() => expect(store.isSpiking(PROD_ID, STORM)).toBe(false));
    expect(screen.getByRole('table', { name: `Disconnected desktops of ${STORM}, longest disconnected first` })).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: 'Open group page' }));
    expect(fake.calls.find((call) => call.name === 'openDashboard')?.args[0]).toEqual({ view: 'group', accountId: PROD_ID, groupKey: STORM });

    // Escape steps back to the groups first; a second Escape closes the popup.
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(await screen.findByRole('listbox')).toBeTruthy();
    expect(fake.calls.some((call) => call.name === 'closeWindow')).toBe(false);
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(fake.calls.some((call) => call.name === 'closeWindow')).toBe(true);
    // Back out, the recovered group is no longer offered.
    expect(screen.queryByRole('button', { name: 'Show who' })).toBeNull();
  }, 60_000);

  it('in Simplified Chinese, with the error and its hint when the look fails', async () => {
    const fake = new FakeBridge({ ...SCENARIOS.twelve(), systemLanguage: 'zh-CN' });
    const store = await started(fake, '#/popup');
    render(Popup, { props: { store } });
    fake.storm(PROD_ID, STORM, 40);
    fake.disconnectedError = { kind: 'throttled', message: 'Too many look-ups (HTTP 429)', hint: 'Try again in a minute.' };
    await fireEvent.click(await screen.findByRole('button', { name: '查看是谁' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Too many look-ups (HTTP 429)');
    expect(alert.textContent).toContain('Try again in a minute.');
    expect(screen.getByRole('heading', { name: `${STORM} 中已断开的桌面` })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: '返回桌面组列表' }));
    expect(await screen.findByRole('listbox')).toBeTruthy();
  }, 60_000);
});

describe('the fleet page: why connections failed, and desktops no group matches', () => {
  it('analyses on demand with the same one look as the list: findings in words and three tables of numbers', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    const store = await started(fake, `#/group/${PROD_ID}/(fleet)`);
    const disc = new DisconnectedState(store.bridge);
    render(FailureSummary, { props: { disc, accountId: PROD_ID } });
    render(DisconnectedList, { props: { bridge: store.bridge, accountId: PROD_ID, groupKey: null, now: fake.now, shared: disc, groupName: (key: string) => `name of ${key}` } });
    expect(listCalls(fake)).toHaveLength(0);
    await fireEvent.click(screen.getByRole('button', { name: 'Analyse failures' }));
    const reasons = await screen.findByRole('table', { name: 'Top failure reasons' });
    expect(listCalls(fake)).toEqual([{ name: 'listDisconnected', args: [PROD_ID, null] }]);

    const answer = fake.request_listDisconnected(PROD_ID, null);
    if (!answer.ok || answer.value.failures === null) throw new Error('fake analysis missing');
    const analysis = answer.value.failures;
    expect(screen.getByText(`${analysis.failures} of ${analysis.records} connections in the last 24 hours failed.`)).toBeTruthy();
    // The office network the fake's network failures come from is named, set against its share of sessions.
    const findings = within(screen.getByRole('heading', { name: 'What the failures share' }).parentElement as HTMLElement).getAllByRole('listitem');
    expect(findings[0]?.textContent).toMatch(/^!?\s*Network 10\.21\.7\.0\/24: \d+(\.\d)?% of failures, but only \d+(\.\d)?% of all sessions\. Many failures from one network point at that network/);
    const reasonRows = within(reasons).getAllByRole('row').slice(1);
    expect(reasonRows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(analysis.reasons.map((reason) => reason.value));
    expect(within(reasonRows[0] as HTMLElement).getAllByRole('cell')[0]?.textContent).toBe(String(analysis.reasons[0]?.failures));
    const networks = screen.getByRole('table', { name: 'Networks of the failures (terminal IP prefix)' });
    expect(within(networks).getAllByRole('rowheader')[0]?.textContent).toBe('10.21.7.0/24');
    expect(screen.getByRole('table', { name: 'Client versions of the failures' })).toBeTruthy();
    // No full terminal address anywhere in the analysis: prefixes only.
    expect(screen.getByRole('table', { name: 'Networks of the failures (terminal IP prefix)' }).textContent).not.toMatch(/\d+\.\d+\.\d+\.(?!0\/)\d+/);

    // The same answer fills the list: the Group column, and the desktops no group matched said so.
    const list = await screen.findByRole('table', { name: 'Disconnected desktops, longest disconnected first' });
    expect(within(list).getAllByRole('columnheader').map((header) => header.textContent?.trim()).slice(0, 3)).toEqual(['Desktop', 'Group', 'User(s)']);
    const unmatchedRow = within(list).getByRole('rowheader', { name: 'KENJI-PC01' }).closest('tr') as HTMLElement;
    expect(within(unmatchedRow).getAllByRole('cell')[0]?.textContent).toBe('not matched to a group');
    expect(within(list).getAllByText(/^name of /).length).toBeGreaterThan(0);
    expect(screen.getByText('3 of these desktops could not be matched to a group by their names: they show “not matched to a group”.')).toBeTruthy();
    expect(listCalls(fake)).toHaveLength(1);
  }, 60_000);

  it('a group page says how many desktops no group matched, and when fewer matched than the counts say', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    const store = await started(fake, `#/group/${PROD_ID}/${STORM}`);
    fake.storm(PROD_ID, STORM, 40);
    const expected = (store.groups.get(PROD_ID)?.groups.find((group) => group.key === STORM)?.disconnected_num ?? 0) + 7;
    render(DisconnectedList, { props: { bridge: store.bridge, accountId: PROD_ID, groupKey: STORM, now: fake.now, expected } });
    await fireEvent.click(screen.getByRole('button', { name: 'Show who is disconnected' }));
    await screen.findByRole('table');
    const answer = fake.request_listDisconnected(PROD_ID, STORM);
    if (!answer.ok) throw new Error('fake list failed');
    const note = screen.getByTestId('attribution');
    expect(note.textContent).toContain(`The counts say ${expected} desktops of this group are disconnected; ${answer.value.desktops.length} could be matched to it by name.`);
    expect(note.textContent).toContain('3 disconnected desktops of this account could not be matched to a group by their names');
    // No Group column on a group's own page.
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent?.trim())).not.toContain('Group');
  }, 60_000);

  it('says so when there are no failures or no records, in Simplified Chinese', async () => {
    const fake = new FakeBridge({ ...SCENARIOS.twelve(), systemLanguage: 'zh-CN' });
    const store = await started(fake, `#/group/${PROD_ID}/(fleet)`);
    const original = fake.request_listDisconnected.bind(fake);
    fake.request_listDisconnected = (accountId, groupKey) => {
      const answer = original(accountId, groupKey);
      return answer.ok ? { ok: true, value: { ...answer.value, failures: { records: 12, failures: 0, reasons: [], clientVersions: [], networks: [] } } } : answer;
    };
    const disc = new DisconnectedState(store.bridge);
    render(FailureSummary, { props: { disc, accountId: PROD_ID } });
    await fireEvent.click(screen.getByRole('button', { name: '分析失败原因' }));
    expect(await screen.findByText('过去 24 小时的登录记录中没有失败的连接。')).toBeTruthy();
  }, 60_000);
});
