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

  it('the dashboard window asks main to open the settings window, and stays where it was', () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    const location = { hash: '#/group/a1/Finance' };
    const target = new EventTarget();
    const router = new Router(fake.bridge, location, target);
    router.listen();
    expect(router.window).toBe('dashboard');
    router.open({ view: 'settings', section: 'alerts' });
    expect(fake.calls.at(-1)).toEqual({ name: 'openDashboard', args: [{ view: 'settings', section: 'alerts' }] });
    expect(router.route).toEqual({ view: 'group', accountId: 'a1', groupKey: 'Finance' });

    // A link to another window's view (typed, or an old bookmark in a hash): that window opens, the hash goes back.
    location.hash = '#/settings/general';
    target.dispatchEvent(new Event('hashchange'));
    expect(fake.calls.at(-1)).toEqual({ name: 'openDashboard', args: [{ view: 'settings', section: 'general' }] });
    expect(location.hash).toBe('#/group/a1/Finance');
    expect(router.route).toEqual({ view: 'group', accountId: 'a1', groupKey: 'Finance' });

    // Its own views it shows itself.
    location.hash = '#/dashboard';
    target.dispatchEvent(new Event('hashchange'));
    expect(router.route).toEqual({ view: 'dashboard' });
  });

  it('the settings window shows a settings route from main itself, and opens the dashboard through main', () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    const location = { hash: '#/settings' };
    const router = new Router(fake.bridge, location, new EventTarget());
    router.listen();
    expect(router.window).toBe('settings');
    const before = fake.calls.length;
    fake.emit('navigate', { view: 'settings', section: 'accounts', accountId: 'a1' });
    expect(router.route).toEqual({ view: 'settings', section: 'accounts', accountId: 'a1' });
    expect(location.hash).toBe('#/settings/accounts/a1');
    expect(fake.calls.length).toBe(before);
    router.open({ view: 'dashboard' });
    expect(fake.calls.at(-1)).toEqual({ name: 'openDashboard', args: [{ view: 'dashboard' }] });
    expect(router.route).toEqual({ view: 'settings', section: 'accounts', accountId: 'a1' });
  });

  it('in the popup, opening another view asks main to open the dashboard window there', () => {
    const fake = new FakeBridge(SCENARIOS.twelve());
    const router = new Router(fake.bridge, { hash: '#/popup' }, new EventTarget());
    router.open({ view: 'settings', section: 'add-account' });
    expect(fake.calls.at(-1)).toEqual({ name: 'openDashboard', args: [{ view: 'settings', section: 'add-account' }] });
    expect(router.route).toEqual({ view: 'popup' });
  });
});
