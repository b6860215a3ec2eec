// The renderer keeps each account's groups current from diffs, and refetches when a revision is missed.
import { describe, expect, it } from 'vitest';
import { GroupsState } from '../../renderer/state/groups.svelte.js';
import { FakeBridge, PROD_ID, SCENARIOS } from '../fakes/fake-bridge.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('GroupsState', () => {
  it('applies consecutive changes with applySnapshotChange, without fetching again', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    const state = new GroupsState(fake.bridge);
    state.listen();
    await state.load(PROD_ID);
    expect(state.get(PROD_ID)?.groups).toHaveLength(12);
    fake.storm(PROD_ID, 'CallCenter-Night', 40);
    fake.poll(PROD_ID, (groups) => groups.filter((group) => group.key !== 'Legal-Archive'));
    const held = state.get(PROD_ID);
    expect(held?.revision).toBe(3);
    expect(held?.groups.map((group) => group.key)).toEqual(fake.accounts.get(PROD_ID)?.groups.map((group) => group.key));
    expect(held?.groups.find((group) => group.key === 'CallCenter-Night')).toEqual(fake.accounts.get(PROD_ID)?.groups.find((group) => group.key === 'CallCenter-Night'));
    expect(fake.calls.filter((call) => call.name === 'getGroups')).toHaveLength(1);
  });

  it('refetches the whole list when a revision was missed, and ignores a change it already has', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    const state = new GroupsState(fake.bridge);
    state.listen();
    await state.load(PROD_ID);
    fake.poll(PROD_ID, (groups) => groups.slice(1), { skipEvent: true });
    fake.storm(PROD_ID, 'CallCenter-Night', 40);
    await flush();
    expect(fake.calls.filter((call) => call.name === 'getGroups')).toHaveLength(2);
    expect(state.get(PROD_ID)?.revision).toBe(3);
    expect(state.get(PROD_ID)?.groups).toEqual(fake.accounts.get(PROD_ID)?.groups);
    const stale = { accountId: PROD_ID, revision: 2, fetchedAt: 0, change: { added: [], removed: ['Dev-Pool-03'], changed: [], order: null }, totals: fake.accounts.get(PROD_ID)?.view.totals ?? ({} as never) };
    state.apply(stale);
    expect(state.get(PROD_ID)?.groups.some((group) => group.key === 'Dev-Pool-03')).toBe(true);
  });

  it('holds changes that arrive while the first fetch is in flight and applies those that follow it', async () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    const state = new GroupsState(fake.bridge);
    state.listen();
    const loading = state.load(PROD_ID);
    // The fetch was answered (revision 1) before this poll; its change arrives while the answer is on its way.
    fake.storm(PROD_ID, 'CallCenter-Night', 40);
    await loading;
    expect(state.get(PROD_ID)?.revision).toBe(2);
    expect(state.get(PROD_ID)?.groups).toEqual(fake.accounts.get(PROD_ID)?.groups);
  });
});
