import { describe, expect, it } from 'vitest';
import type { Route } from '../../preload/contract.js';
import { formatRoute, parseRoute } from '../../renderer/lib/route.js';
import { Router } from '../../renderer/state/router.svelte.js';
import { FakeBridge, SCENARIOS } from '../fakes/fake-bridge.js';

describe('routes', () => {
  it('round-trips every route, group keys with slashes, spaces and Chinese included', () => {
    const routes: Route[] = [
      { view: 'popup' },
      { view: 'dashboard' },
      { view: 'dashboard', accountId: 'a1' },
      { view: 'group', accountId: 'a1', groupKey: '研发中心/北京 #2' },
      { view: 'settings' },
      { view: 'settings', section: 'add-account' },
      { view: 'settings', section: 'accounts', accountId: 'a1' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('falls back to the dashboard for an unknown or incomplete hash', () => {
    expect(parseRoute('')).toEqual({ view: 'dashboard' });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'dashboard' });
    expect(parseRoute('#/group/a1')).toEqual({ view: 'dashboard' });
    expect(parseRoute('#/settings/bogus')).toEqual({ view: 'settings' });
  });

  it("follows main's navigate event (a notification click) and writes the hash", () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    const location = { hash: '#/dashboard' };
    const router = new Router(fake.bridge, location, new EventTarget());
    router.listen();
    fake.emit('navigate', { view: 'group', accountId: 'a1', groupKey: 'Finance-Shanghai' });
    expect(router.route).toEqual({ view: 'group', accountId: 'a1', groupKey: 'Finance-Shanghai' });
    expect(location.hash).toBe('#/group/a1/Finance-Shanghai');
  });

  it('in the popup, opening another view asks main to open the dashboard window there', () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    const router = new Router(fake.bridge, { hash: '#/popup' }, new EventTarget());
    router.open({ view: 'settings', section: 'add-account' });
    expect(fake.calls.at(-1)).toEqual({ name: 'openDashboard', args: [{ view: 'settings', section: 'add-account' }] });
    expect(router.route).toEqual({ view: 'popup' });
  });
});
