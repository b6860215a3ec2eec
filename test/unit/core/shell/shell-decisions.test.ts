import { describe, expect, it } from 'vitest';
import { appPageUrl, isAppUrl, resolveAppAsset } from '../../../../main/core/shell/app-url.js';
import { APP_WINDOWS, viewsOfWindow, windowOfRoute } from '../../../../main/core/shell/app-windows.js';
import { parseBridgePayload } from '../../../../main/core/shell/bridge-payloads.js';
import { isConsoleUrl, workspaceConsoleUrl } from '../../../../main/core/shell/external-links.js';
import { AWAKE_AND_ONLINE, nextPowerState, type PowerSignal, type PowerState } from '../../../../main/core/shell/power-policy.js';
import { intervalOverrideMs, resolveLanguage } from '../../../../main/core/shell/presentation.js';
import { restoredBounds } from '../../../../main/core/shell/window-bounds.js';

describe('app origin', () => {
  it('knows its own URLs only', () => {
    expect(isAppUrl(appPageUrl('popup'))).toBe(true);
    expect(isAppUrl('app://workspace-tray.evil/index.html')).toBe(false);
    expect(isAppUrl('app://user@workspace-tray/index.html')).toBe(false);
    expect(isAppUrl('http://workspace-tray/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
  });

  it('maps requests to plain files under the renderer folder and refuses the rest', () => {
    expect(resolveAppAsset('app://workspace-tray/', 'GET')).toEqual({ ok: true, segments: ['index.html'], contentType: 'text/html; charset=utf-8' });
    expect(resolveAppAsset('app://workspace-tray/assets/index-AbC_1.js?x=1#/popup', 'GET')).toMatchObject({ ok: true, segments: ['assets', 'index-AbC_1.js'] });
    for (const url of ['app://workspace-tray/.env', 'app://workspace-tray/assets/%2e%2e%2fsecret.js', 'app://workspace-tray/a%5C..%5Cb.js', 'app://workspace-tray/a%00.js', 'app://workspace-tray/assets//x.js', 'app://workspace-tray/bin/tool.sh']) {
      expect(resolveAppAsset(url, 'GET'), url).toMatchObject({ ok: false, status: 404 });
    }
    expect(resolveAppAsset('app://workspace-tray/%E0%A4%A.js', 'GET')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppAsset('app://workspace-tray/index.html', 'PUT')).toMatchObject({ ok: false, status: 405 });
    expect(resolveAppAsset('app://elsewhere/index.html', 'GET')).toMatchObject({ ok: false, status: 403 });
  });
});

describe('windows', () => {
  it('each route belongs to one window: the group page to the dashboard, settings to their own window', () => {
    expect(windowOfRoute({ view: 'popup' })).toBe('popup');
    expect(windowOfRoute({ view: 'dashboard', accountId: 'a' })).toBe('dashboard');
    expect(windowOfRoute({ view: 'group', accountId: 'a', groupKey: 'g' })).toBe('dashboard');
    expect(windowOfRoute({ view: 'settings', section: 'accounts', accountId: 'a' })).toBe('settings');
    expect(Object.fromEntries(APP_WINDOWS.map((window) => [window, viewsOfWindow(window)]))).toEqual({ popup: ['popup'], dashboard: ['dashboard', 'group'], settings: ['settings'] });
    for (const window of APP_WINDOWS) expect(appPageUrl(window)).toBe(`app://workspace-tray/index.html#/${window}`);
  });
});

describe('console links', () => {
  it('allows https pages of the two console hosts only', () => {
    expect(isConsoleUrl('https://console.huaweicloud.com/workspace/?region=cn-north-4')).toBe(true);
    expect(isConsoleUrl('https://console-intl.huaweicloud.com/workspace/')).toBe(true);
    for (const url of ['http://console.huaweicloud.com/', 'https://console.huaweicloud.com.evil.example/', 'https://evil.example/?https://console.huaweicloud.com', 'https://a:b@console.huaweicloud.com/', 'https://console.huaweicloud.com:8443/', 'javascript:alert(1)', 'not a url']) {
      expect(isConsoleUrl(url), url).toBe(false);
    }
  });
  it('opens each region on its site', () => {
    expect(workspaceConsoleUrl('cn-north-4')).toBe('https://console.huaweicloud.com/workspace/?region=cn-north-4');
    expect(workspaceConsoleUrl('ap-southeast-1')).toBe('https://console-intl.huaweicloud.com/workspace/?region=ap-southeast-1');
    expect(isConsoleUrl(workspaceConsoleUrl(null))).toBe(true);
  });
});

describe('power policy', () => {
  const run = (signals: PowerSignal[]): string[] => {
    let state: PowerState = AWAKE_AND_ONLINE;
    return signals.map((signal) => {
      const step = nextPowerState(state, signal);
      state = step.state;
      return String(step.action);
    });
  };
  it('pauses once when polling becomes pointless and resumes once when it is possible again', () => {
    expect(run(['suspend', 'resume'])).toEqual(['pause', 'resume']);
    expect(run(['offline', 'suspend', 'resume', 'online'])).toEqual(['pause', 'null', 'null', 'resume']);
    expect(run(['suspend', 'offline', 'online', 'resume'])).toEqual(['pause', 'null', 'null', 'resume']);
    expect(run(['resume', 'online'])).toEqual(['null', 'null']);
    expect(run(['lock-screen', 'unlock-screen', 'offline', 'unlock-screen'])).toEqual(['null', 'refresh', 'pause', 'null']);
  });
});

describe('dashboard bounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  it('restores a place on a screen, and forgets one that is off every screen or invalid', () => {
    expect(restoredBounds({ x: 100, y: 100, width: 900, height: 600 }, screen)).toEqual({ x: 100, y: 100, width: 900, height: 600 });
    expect(restoredBounds({ x: 2500, y: 100, width: 900, height: 600 }, screen)).toBeNull();
    expect(restoredBounds({ x: 100, y: -500, width: 900, height: 600 }, screen)).toBeNull();
    expect(restoredBounds({ x: 100, y: 100, width: 10, height: 600 }, screen)).toBeNull();
    expect(restoredBounds('junk', screen)).toBeNull();
    expect(restoredBounds({ x: 2500, y: 100, width: 900, height: 600 }, [...screen, { x: 1920, y: 0, width: 2560, height: 1400 }])).not.toBeNull();
  });
});

describe('bridge payloads', () => {
  it('accepts what the contract says and explains what it refuses', () => {
    expect(parseBridgePayload('queryHistory', [{ accountId: 'a', series: ['(fleet)', 'g1'], range: '24h' }]).ok).toBe(true);
    expect(parseBridgePayload('queryHistory', [{ accountId: 'a', series: Array.from({ length: 25 }, (_, i) => `g${i}`), range: '24h' }])).toMatchObject({ ok: false, error: /series is too long/ });
    expect(parseBridgePayload('openDashboard', [{ view: 'group', accountId: 'a' }])).toMatchObject({ ok: false });
    expect(parseBridgePayload('updateSettings', [{ launchAtLogin: true, appearance: { theme: 'dark' } }]).ok).toBe(true);
    expect(parseBridgePayload('updateSettings', [{ accounts: [] }])).toMatchObject({ ok: false, error: /unexpected field "accounts"/ });
    expect(parseBridgePayload('addAccount', [{ name: 'a', region: 'cn-north-4', endpoint: 'https://x.example', projectId: 'p', credentials: { method: 'token', secret: { token: 't' } } }])).toMatchObject({ ok: false, error: /either a region or a custom endpoint/ });
    expect(parseBridgePayload('addAccount', [{ name: 'a', endpoint: 'http://remote.example', projectId: 'p', credentials: { method: 'token', secret: { token: 't' } } }])).toMatchObject({ ok: false, error: /plain http to a remote host/ });
    expect(parseBridgePayload('testConnection', [{ accountId: 'a' }]).ok).toBe(true);
  });
});

describe('demo and presentation', () => {
  it('follows the OS language unless one is chosen, and takes only a sane interval override', () => {
    expect(resolveLanguage('system', 'zh-CN')).toBe('zh-CN');
    expect(resolveLanguage('system', 'de-DE')).toBe('en');
    expect(resolveLanguage('en', 'zh-TW')).toBe('en');
    expect(intervalOverrideMs('5')).toBe(5000);
    expect(intervalOverrideMs('0')).toBeNull();
    expect(intervalOverrideMs('1.5')).toBeNull();
    expect(intervalOverrideMs(undefined)).toBeNull();
  });
});
