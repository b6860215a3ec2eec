// Errors from main in the window's language: every phrase main can word has English (the core's) and Chinese (the
// renderer's tables) with the same facts; and each surface that shows main's words (Test connection, the banners,
// saving, the accounts' error lines) says them in Chinese when the app speaks Chinese.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorFromResponse } from '../../main/core/api/error-response.js';
import { parseDesktopConnections, parseLoginRecords } from '../../main/core/api/desktops.js';
import { checkEndpoint, checkProjectId } from '../../main/core/api/endpoint.js';
import { parseConnectionStatus } from '../../main/core/api/parse.js';
import { parseAccountSecret } from '../../main/core/auth/secrets.js';
import { ERROR_PHRASES, ERROR_PHRASE_CODES, phrase, reworded, withConsistentWording, withHintAdded, wordedError } from '../../main/core/error-wording.js';
import { xdgAutostartEntry } from '../../main/core/platform/xdg-autostart.js';
import { invalidNewSettingsError, invalidSettingsFileError, parseSettings } from '../../main/core/settings/parse.js';
import { ERROR_PHRASES_ZH } from '../../renderer/lib/error-phrases-zh.js';
import { FORM_PHRASES_ZH } from '../../renderer/lib/error-phrases-zh-forms.js';
import { errorLine, errorText } from '../../renderer/lib/error-text.js';
import { i18n } from '../../renderer/lib/i18n.svelte.js';
import { historyFolderIoError } from '../../main/node/fs-errors.js';
import { FLEET_KEY, type WorkspaceError } from '../../preload/contract.js';
import AccountForm from '../../renderer/components/AccountForm.svelte';
import GroupPage from '../../renderer/views/GroupPage.svelte';
import Popup from '../../renderer/views/Popup.svelte';
import Settings from '../../renderer/views/Settings.svelte';
import { AppStore } from '../../renderer/state/app.svelte.js';
import { SettingsState } from '../../renderer/state/settings.svelte.js';
import { AUTH_FAIL_PROJECT, BRANCH_ID, FakeBridge, PROD_ID, SCENARIOS } from '../fakes/fake-bridge.js';

// jsdom has no matchMedia, which uPlot (the group page's chart) calls as it loads.
vi.hoisted(() => {
  globalThis.matchMedia ??= (query: string) =>
    ({ matches: false, media: query, onchange: null, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, dispatchEvent: () => false }) as MediaQueryList;
});

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const CHINESE: Readonly<Record<string, string>> = { ...ERROR_PHRASES_ZH, ...FORM_PHRASES_ZH };
const answer = (status: number, body: object) => errorFromResponse({ status, bodyText: JSON.stringify(body), headers: new Headers({ 'X-Request-Id': 'req-42' }), now: 0 });

describe('the error phrase catalogues', () => {
  it('give every phrase main can word an English and a Chinese text with the same placeholders', () => {
    expect(ERROR_PHRASE_CODES.length).toBeGreaterThan(100);
    const untranslated = ERROR_PHRASE_CODES.filter((code) => !CHINESE[code]?.trim());
    expect(untranslated).toEqual([]);
    for (const code of ERROR_PHRASE_CODES) {
      expect(ERROR_PHRASES[code].trim(), code).not.toBe('');
      expect(placeholders(CHINESE[code] ?? ''), code).toEqual(placeholders(ERROR_PHRASES[code]));
      // A copy of the English is no translation (a bare placeholder, the platform's or the server's own words, and
      // the JSON literal null are the exceptions).
      if (!/^(\{\w+\}|null)$/.test(ERROR_PHRASES[code])) expect(CHINESE[code], code).not.toBe(ERROR_PHRASES[code]);
    }
  });

  it('have no phrase the core does not know, and no phrase twice', () => {
    const known = new Set<string>(ERROR_PHRASE_CODES);
    expect([...Object.keys(ERROR_PHRASES_ZH), ...Object.keys(FORM_PHRASES_ZH)].filter((code) => !known.has(code))).toEqual([]);
    expect(Object.keys(ERROR_PHRASES_ZH).filter((code) => code in FORM_PHRASES_ZH)).toEqual([]);
  });
});

describe('errorText', () => {
  beforeEach(() => {
    i18n.lang = 'en';
  });

  it("English is main's own text; the server's facts come as it said them", () => {
    const error = answer(401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail' });
    expect(errorText(error)).toEqual({
      heading: 'The credentials were rejected or have expired.',
      message: 'Workspace did not accept the credentials',
      hint: "The AK/SK signature was rejected: check the secret key, and that this computer's clock is within 15 minutes of the real time.",
      facts: 'HTTP 401 · APIGW.0301 · “Incorrect IAM authentication information: verify aksk signature fail” · request id req-42',
    });
  });

  it('Chinese says the phrases, nested causes and numbers included; the facts stay the server’s', () => {
    i18n.lang = 'zh-CN';
    const throttled = errorFromResponse({ status: 429, bodyText: '{"error_code":"APIGW.0308","error_msg":"policy user over ratelimit"}', headers: new Headers({ 'Retry-After': '1200' }), now: 0 });
    expect(errorLine(throttled, true)).toBe('Workspace 正在限制请求频率。服务器要求等待 1,200 秒后再发送请求。该账号的请求过多：请稍候，并降低轮询频率。 (HTTP 429 · APIGW.0308 · “policy user over ratelimit”)');
    const refused = wordedError('network', phrase('net.unreachable', { host: 'workspace.cn-north-4.myhuaweicloud.com', failure: phrase('transport.refused', { code: 'ECONNREFUSED' }) }), [phrase('hint.network')]);
    expect(refused.message).toBe('Could not reach workspace.cn-north-4.myhuaweicloud.com: connection refused (ECONNREFUSED)');
    expect(errorText(refused)).toMatchObject({ heading: '无法连接华为云。', message: '无法连接 workspace.cn-north-4.myhuaweicloud.com：连接被拒绝（ECONNREFUSED）', hint: '请检查终端节点、网络连接以及代理或防火墙。' });
  });

  it('an answer that is not what the API documents (the fault matrix\'s malformed bodies) is said in Chinese, its facts as found', () => {
    const malformed = parseConnectionStatus('{"statics":[{"static_name":"Ops","in_use_num":"12"}]}', 200);
    if (malformed.ok) throw new Error('a string count must be refused');
    expect(malformed.error.message).toBe('The connection status answer (HTTP 200) has statics[0].in_use_num = "12" (a string), expected a non-negative whole number');
    i18n.lang = 'zh-CN';
    expect(errorText(malformed.error)).toMatchObject({
      message: '连接状态应答（HTTP 200）中 statics[0].in_use_num = "12"（字符串），应为非负整数',
      hint: '该终端节点可能不是 Workspace API；请检查。',
    });
    const html = parseConnectionStatus('<html><title>Proxy login</title></html>', 200);
    expect(html.ok ? '' : errorText(html.error).message).toBe('连接状态应答（HTTP 200）不是 JSON（标题为 "Proxy login" 的 HTML 页面）');
  });

  it('a keychain entry that is not its method\'s secret, and a kept account, are said in Chinese, field by field', () => {
    // As app/accounts.ts words them (test/unit/app/accounts.test.ts checks it does).
    const parsed = parseAccountSecret('aksk', { extra: 1, sk: 'x' });
    if (parsed.ok) throw new Error('a secret without its ak must be refused');
    const wrong = wordedError('keychain', phrase('account.secret-wrong-kind', { name: '"prod"', method: 'aksk', problem: parsed.error }), [phrase('hint.readd-account')]);
    expect(wrong.message).toBe('The keychain entry of the account "prod" is not a aksk secret: "ak" is missing or not text; unexpected field "extra"');
    const locked = wordedError('keychain', phrase('keychain.locked', { action: 'delete', detail: 'locked' }), [phrase('hint.unlock-keyring')]);
    const kept = withHintAdded(locked, phrase('hint.account-kept', { name: '"prod"' }));
    expect(kept.hint).toMatch(/ The account "prod" was kept\.$/);
    i18n.lang = 'zh-CN';
    expect(errorText(wrong).message).toBe('账号 "prod" 的钥匙串条目不是AK/SK密钥："ak" 缺失或不是文本；多余的字段 "extra"');
    expect(errorText(kept, FORM_PHRASES_ZH).hint).toMatch(/账号 "prod" 已保留。$/);
  });

  it('an endpoint or project id a settings file or the form gets wrong is said in Chinese in the settings window', () => {
    const endpoint = checkEndpoint('http://10.0.0.1/api');
    const project = checkProjectId('abc def');
    if (endpoint.ok || project.ok) throw new Error('both must be refused');
    i18n.lang = 'zh-CN';
    expect(errorText(endpoint.error, FORM_PHRASES_ZH).message).toBe('终端节点 "http://10.0.0.1/api" 以明文 http 连接远程主机，凭据会不加密地发送：请使用 https（"https://10.0.0.1/api"）；明文 http 仅用于本机（127.0.0.1、::1、localhost），例如模拟器');
    expect(errorText(project.error, FORM_PHRASES_ZH)).toMatchObject({ message: '项目 ID "abc def" 含有空白字符', hint: '请从控制台复制项目 ID：“我的凭证 > API 凭证”，选择你使用的区域。' });
  });

  it('the drill-down answers are said in Chinese too, personal data by its type only', () => {
    const desktops = parseDesktopConnections('{"desktops":[{"desktop_id":"d-1","attach_users":[{"name":42}]}]}', 200);
    if (desktops.ok) throw new Error('a number as a user name must be refused');
    expect(desktops.error.message).toBe('The desktop list answer (HTTP 200) has desktops[0].attach_users[0].name = a number, expected a string');
    const records = parseLoginRecords('{"records":[{"connection_start_time":"yesterday"}]}', 200);
    if (records.ok) throw new Error('a time that is no time must be refused');
    const empty = parseLoginRecords('  ', 502);
    i18n.lang = 'zh-CN';
    expect(errorText(desktops.error).message).toBe('桌面列表应答（HTTP 200）中 desktops[0].attach_users[0].name = 数字，应为字符串');
    expect(errorText(records.error).message).toBe('登录记录应答（HTTP 200）中 records[0].connection_start_time = "yesterday"（字符串），应为形如 2024-05-20T08:00Z 的日期时间');
    expect(empty.ok ? '' : errorText(empty.error).message).toBe('登录记录应答（HTTP 502）不是 JSON（正文为空）');
  });

  it('an API error code the core does not map: the Chinese sentence, and the server’s code and English text', () => {
    i18n.lang = 'zh-CN';
    const error = answer(400, { error_code: 'WKS.0099', error_msg: 'The desktop pool is being migrated' });
    const text = errorText(error);
    expect(text.message).toBe('Workspace 拒绝了该请求');
    expect(text.facts).toBe('HTTP 400 · WKS.0099 · “The desktop pool is being migrated” · 请求 ID req-42');
  });

  it('an error main did not word, or reworded in English only, keeps its English text under the Chinese heading', () => {
    i18n.lang = 'zh-CN';
    const plain = { kind: 'service' as const, message: 'An error main gave in English only' };
    expect(errorText(plain)).toEqual({ heading: '华为云返回了错误。', message: 'An error main gave in English only' });
    // A spread that replaces the message after the wording: main drops the stale wording before it crosses the bridge.
    const stale = { ...answer(401, {}), message: 'Something else entirely' };
    expect(withConsistentWording(stale).wording).toBeUndefined();
    expect(errorText(withConsistentWording(stale)).message).toBe('Something else entirely');
    // reworded() keeps an unworded cause's English.
    const unworded = reworded(plain, (inner) => ({ message: phrase('iam.unreachable', { cause: inner.message }) }), (error) => ({ message: `Could not get an IAM token: ${error.message}` }));
    expect(unworded.wording).toBeUndefined();
    // A phrase this window has no Chinese for (the settings window's): English, not a hole.
    const taken = wordedError('config', phrase('account.name-taken', { name: '"Prod"' }), [phrase('hint.name-taken')]);
    expect(errorText(taken).message).toBe('An account named "Prod" already exists');
    expect(errorText(taken, FORM_PHRASES_ZH).message).toBe('已存在名为 "Prod" 的账号');
  });
});

describe("the settings file's and launch at login's errors", () => {
  const SETTINGS_FILE = '/home/ann/.config/workspace-tray/config.json';
  const parseError = (raw: unknown) => {
    const parsed = parseSettings(raw);
    if (parsed.ok) throw new Error('expected invalid settings');
    return parsed.error;
  };
  afterEach(() => {
    i18n.lang = 'en';
  });

  it('are said in Chinese in the settings window, the paths and values as found; English stays main’s', () => {
    const invalid = invalidSettingsFileError(SETTINGS_FILE, parseError({ polling: { intervalSeconds: 5, timeoutSeconds: 'x' } }));
    const newer = invalidSettingsFileError(SETTINGS_FILE, parseError({ version: 3 }));
    const change = invalidNewSettingsError(parseError({ accounts: [{ name: 'x', region: 'cn-north-4' }], notifications: { showUserNames: null } }));
    const aside = wordedError('config', phrase('settings.set-aside', { path: SETTINGS_FILE, why: phrase('settings.not-json-at', { line: 3, column: 38 }), aside: `${SETTINGS_FILE}.unreadable-1` }), [phrase('hint.settings-repair')]);
    const login = xdgAutostartEntry({ execPath: 'tray', name: 'W' });
    if (login.ok) throw new Error('expected a refusal');
    i18n.lang = 'en';
    expect(errorText(invalid, FORM_PHRASES_ZH)).toMatchObject({ message: invalid.message, hint: invalid.hint });
    expect(invalid.message).toBe(`The settings file ${SETTINGS_FILE} is invalid: polling.intervalSeconds must be between 15 and 3600 (found 5); polling.timeoutSeconds must be a number (found text)`);
    i18n.lang = 'zh-CN';
    expect(errorText(invalid, FORM_PHRASES_ZH)).toMatchObject({
      message: `设置文件 ${SETTINGS_FILE} 无效：polling.intervalSeconds 必须在 15 到 3,600 之间（实为 5）；polling.timeoutSeconds 必须是数字（实为文本）`,
      hint: '请修正该文件，或将其移走以使用默认设置；Workspace Tray 绝不覆盖无法读取的设置文件。',
    });
    expect(errorText(newer, FORM_PHRASES_ZH)).toMatchObject({
      message: `设置文件 ${SETTINGS_FILE} 无效：version 3 比本版本 Workspace Tray 能读取的更新（最高为 1）`,
      hint: '请更新 Workspace Tray，或恢复由本版本写入的设置文件。请修正该文件，或将其移走以使用默认设置；Workspace Tray 绝不覆盖无法读取的设置文件。',
    });
    expect(errorText(change, FORM_PHRASES_ZH).message).toBe('新设置无效：缺少 accounts[0].id；缺少 accounts[0].projectId；缺少 accounts[0].auth；notifications.showUserNames 必须是true 或 false（实为null）');
    expect(errorText(aside, FORM_PHRASES_ZH)).toMatchObject({
      message: `设置文件 ${SETTINGS_FILE} 无法使用：不是有效的 JSON（第 3 行第 38 列）。已原样保留为 ${SETTINGS_FILE}.unreadable-1；Workspace Tray 以默认设置启动`,
      hint: '你的账号在该文件中：请修复后移回，或重新添加。其密钥仍在钥匙串中。',
    });
    expect(errorText(login.error, FORM_PHRASES_ZH)).toMatchObject({
      message: '自启动项需要程序的绝对路径，而不是 "tray"。',
      hint: '无法设置登录时启动；请改从应用程序菜单启动 Workspace Tray。',
    });
    // The popup and dashboard do not carry these phrases: main's English, never a hole.
    expect(errorText(invalid).message).toBe(invalid.message);
  });
});

/**
 * What a history query answers when an hour's file cannot be read (a folder in its place), worded as the store words
 * it (test/unit/node/file-history-store.test.ts checks the store's phrases against these).
 */
const FILE = '/home/ann/.config/workspace-tray/history/acc-1/raw-001740787200000.wth';
const unreadableHistory = (): WorkspaceError =>
  historyFolderIoError(Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' }), (cause) => phrase('history.io', { action: phrase('action.read'), path: FILE, cause }), [
    phrase('hint.history-goes-on'),
  ]);

describe('history errors', () => {
  it('a history file that cannot be read: the action, the path and the cause in Chinese, each hint once', () => {
    const error = unreadableHistory();
    expect(error.message).toBe(`Cannot read history at ${FILE}: it is a folder, not a file (EISDIR)`);
    i18n.lang = 'zh-CN';
    expect(errorText(error)).toMatchObject({
      message: `无法读取历史记录 ${FILE}：这是文件夹而不是文件（EISDIR）`,
      hint: '请确认历史文件夹属于你且可写。监控继续，但暂不记录历史。',
    });
    i18n.lang = 'en';
  });

  it('damage, a held lock and a sample the clock sent back, with their facts as found', () => {
    i18n.lang = 'zh-CN';
    const damaged = wordedError('service', phrase('history.damaged', { path: '/h/raw-1.wth', bytes: 1234, ranges: '10-1244' }), [
      phrase('hint.damaged-kept', { path: '/h/raw-1.wth.damaged' }),
      phrase('hint.check-disk'),
    ]);
    expect(errorLine(damaged)).toBe('历史文件 /h/raw-1.wth 已损坏：跳过 1,234 字节（位于 10-1244），其中的样本丢失；其余可正常读取。原文件保留为 /h/raw-1.wth.damaged；现文件只含完好的记录。如果反复出现，请检查磁盘。');
    const inUse = wordedError('config', phrase('history.in-use', { folder: '/h', pid: '12345' }), [phrase('hint.history-one-writer', { path: '/h.lock' })]);
    expect(errorText(inUse).message).toBe('历史记录 /h 正被另一个 Workspace Tray 进程（pid 12345）使用');
    const spikes = wordedError('service', phrase('spike-log.io', { action: phrase('action.rewrite'), path: '/h/spikes.log', cause: phrase('io.ENOSPC', { code: 'EDQUOT' }) }), [
      phrase('hint.free-disk'),
      phrase('hint.spikes-in-memory'),
    ]);
    expect(errorLine(spikes)).toBe('无法重写突增记录 /h/spikes.log：磁盘已满（EDQUOT）。请释放磁盘空间。监控继续；突增暂存在内存中。');
    i18n.lang = 'en';
  });
});

describe('the surfaces in Simplified Chinese', () => {
  beforeAll(() => {
    Element.prototype.scrollIntoView ??= () => {};
  });
  beforeEach(() => {
    i18n.lang = 'zh-CN';
  });
  afterEach(() => {
    cleanup();
    i18n.lang = 'en';
  });

  it('Test connection: the mapped error, its hint and the server’s facts', async () => {
    const fake = new FakeBridge({ ...SCENARIOS.demo(), systemLanguage: 'zh-CN' });
    render(AccountForm, { props: { settings: new SettingsState(fake.bridge), ondone: vi.fn() } });
    await fireEvent.input(screen.getByLabelText('账号名称'), { target: { value: 'Head office' } });
    await fireEvent.input(screen.getByLabelText('项目 ID'), { target: { value: AUTH_FAIL_PROJECT } });
    await fireEvent.input(screen.getByLabelText('令牌'), { target: { value: 'MIItoken' } });
    await fireEvent.click(screen.getByRole('button', { name: '测试连接' }));
    const outcome = await screen.findByTestId('form-outcome');
    expect(outcome.textContent).toContain('凭证被拒绝或已过期。');
    expect(outcome.textContent).toContain('Workspace 未接受该凭证');
    expect(outcome.textContent).toContain('AK/SK 签名被拒绝：请检查私有访问密钥（SK）');
    expect(outcome.textContent).toContain('APIGW.0301');
    expect(outcome.textContent).not.toMatch(/did not accept|check the secret key/);
  });

  it('saving an account: main’s error for a taken name, in Chinese', async () => {
    const fake = new FakeBridge({ ...SCENARIOS.twelve(), systemLanguage: 'zh-CN' });
    render(AccountForm, { props: { settings: new SettingsState(fake.bridge), ondone: vi.fn() } });
    await fireEvent.input(screen.getByLabelText('账号名称'), { target: { value: 'Production' } });
    await fireEvent.input(screen.getByLabelText('项目 ID'), { target: { value: '0123456789abcdef0123456789abcdef' } });
    await fireEvent.input(screen.getByLabelText('令牌'), { target: { value: 'MIItoken' } });
    await fireEvent.click(screen.getByRole('button', { name: '保存账号' }));
    const outcome = await screen.findByTestId('form-outcome');
    expect(outcome.textContent).toContain('已存在名为 "Production" 的账号');
    expect(outcome.textContent).toContain('请换一个名称，或先删除该账号。');
  });

  it('the popup banner’s detail', async () => {
    const fake = new FakeBridge({ ...SCENARIOS.several(), systemLanguage: 'zh-CN' });
    const store = new AppStore(fake.bridge, { hash: '#/popup' }, new EventTarget());
    await store.start({ tick: false });
    render(Popup, { props: { store } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Branch offices：凭证被拒绝或已过期。');
    expect(alert.textContent).toContain('Workspace 未接受该凭证。AK/SK 签名被拒绝');
    expect(alert.textContent).toContain('请求 ID b7c1e0d2a9f84e3c');
    expect(alert.textContent).not.toMatch(/did not accept|was rejected/);
    expect(within(alert).getByRole('button', { name: '重新连接账号' })).toBeTruthy();
  });

  it('the group page: a history query that cannot read its files', async () => {
    const error = unreadableHistory();
    const fake = new FakeBridge({ ...SCENARIOS.several(), systemLanguage: 'zh-CN' });
    fake.request_queryHistory = () => ({ ok: false, error });
    const store = new AppStore(fake.bridge, { hash: '#/dashboard' }, new EventTarget());
    await store.start({ tick: false });
    render(GroupPage, { props: { store, accountId: PROD_ID, groupKey: FLEET_KEY } });
    const alert = await vi.waitFor(() => {
      const found = [...document.querySelectorAll('p.error[role="alert"]')].find((node) => node.textContent?.includes('历史记录'));
      if (found === undefined) throw new Error('no history error yet');
      return found;
    });
    expect(alert.textContent).toContain(`无法读取历史记录 ${FILE}：这是文件夹而不是文件（EISDIR）`);
    expect(alert.textContent).not.toMatch(/Cannot read|is a folder/);
  });

  it('the settings page: the account’s error line and a failed save', async () => {
    const fake = new FakeBridge({ ...SCENARIOS.several(), systemLanguage: 'zh-CN' });
    fake.request_updateSettings = () => ({
      ok: false,
      error: wordedError('config', phrase('settings.io', { action: 'write', path: '/home/ann/.config/workspace-tray/config.json', cause: phrase('io.EACCES', { code: 'EACCES' }) }), [phrase('hint.settings-folder')]),
    });
    const store = new AppStore(fake.bridge, { hash: '#/settings' }, new EventTarget());
    await store.start({ tick: false });
    render(Settings, { props: { store } });
    const interval = (await screen.findByLabelText('更新间隔（秒）')) as HTMLInputElement;
    await vi.waitFor(() => expect(document.querySelector('.account-error')?.textContent).toBe('Workspace 未接受该凭证'));
    expect(document.querySelectorAll('.account-error')).toHaveLength(1);
    void BRANCH_ID;

    await fireEvent.input(interval, { target: { value: '120' } });
    await fireEvent.change(interval);
    const saveError = await screen.findByTestId('save-error');
    expect(saveError.textContent).toBe('无法写入设置文件 /home/ann/.config/workspace-tray/config.json：权限被拒绝（EACCES）。请确认该文件夹存在且属于你，或用 WORKSPACE_TRAY_CONFIG_DIR 另选一个文件夹。');
  });

  it('the settings page: a save refused because the file was edited into something invalid', async () => {
    const fake = new FakeBridge({ ...SCENARIOS.several(), systemLanguage: 'zh-CN' });
    const parsed = parseSettings({ accounts: [{ name: 'x', region: 'cn-north-4' }] });
    if (parsed.ok) throw new Error('expected invalid settings');
    fake.request_updateSettings = () => ({ ok: false, error: invalidSettingsFileError('/home/ann/.config/workspace-tray/config.json', parsed.error) });
    const store = new AppStore(fake.bridge, { hash: '#/settings' }, new EventTarget());
    await store.start({ tick: false });
    render(Settings, { props: { store } });
    const interval = (await screen.findByLabelText('更新间隔（秒）')) as HTMLInputElement;
    await fireEvent.input(interval, { target: { value: '120' } });
    await fireEvent.change(interval);
    const saveError = await screen.findByTestId('save-error');
    expect(saveError.textContent).toBe(
      '设置文件 /home/ann/.config/workspace-tray/config.json 无效：缺少 accounts[0].id；缺少 accounts[0].projectId；缺少 accounts[0].auth。请修正该文件，或将其移走以使用默认设置；Workspace Tray 绝不覆盖无法读取的设置文件。',
    );
  });
});
