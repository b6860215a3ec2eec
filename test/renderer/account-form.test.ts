// The account form: inline problems come from the core's validators; the secret is sent once and cleared.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AccountForm from '../../renderer/components/AccountForm.svelte';
import { SettingsState } from '../../renderer/state/settings.svelte.js';
import { i18n } from '../../renderer/lib/i18n.svelte.js';
import { checkAccountFields, type AccountFields } from '../../renderer/lib/validate.js';
import { checkProjectId } from '../../main/core/api/endpoint.js';
import { FakeBridge, SCENARIOS } from '../fakes/fake-bridge.js';

const FIELDS: AccountFields = {
  name: 'Head office', location: 'region', region: 'cn-north-4', endpoint: '', projectId: '0123456789abcdef0123456789abcdef', iamEndpoint: '',
  auth: 'token', token: 'MIIabc', user: '', password: '', domain: '', ak: '', sk: '', securityToken: '',
};

describe('checkAccountFields', () => {
  beforeEach(() => {
    i18n.lang = 'en';
  });

  it('builds the draft the bridge expects', () => {
    expect(checkAccountFields(FIELDS)).toEqual({
      problems: {},
      draft: { name: 'Head office', region: 'cn-north-4', projectId: '0123456789abcdef0123456789abcdef', credentials: { method: 'token', secret: { token: 'MIIabc' } } },
    });
  });

  it("words the problems the core's validators name, with what to do, in the current language", () => {
    const fields = { ...FIELDS, projectId: 'a b', location: 'endpoint' as const, endpoint: 'ftp://x' };
    const core = checkProjectId('a b');
    expect(core.ok ? null : core.error.problem).toEqual({ code: 'project-id-whitespace', params: {} });
    const checked = checkAccountFields(fields);
    expect(checked.problems.projectId).toBe('Must not contain spaces or line breaks. Copy it from the console: My Credentials > API Credentials, for the region you use.');
    expect(checked.problems.endpoint).toBe('Uses ftp; only https is allowed. Use https://workspace.REGION.myhuaweicloud.com, or choose a region instead.');
    expect(checked.draft).toBeNull();

    i18n.lang = 'zh-CN';
    const chinese = checkAccountFields({ ...fields, projectId: 'x/y' });
    expect(chinese.problems.projectId).toBe('不能包含“/”。请从控制台复制：我的凭证 > API 凭证，选择所用的区域。');
    expect(chinese.problems.endpoint).toBe('使用了 ftp；只允许 https。请使用 https://workspace.区域.myhuaweicloud.com，或改为选择区域。');
    expect(checkAccountFields({ ...FIELDS, auth: 'password', iamEndpoint: 'http://iam.example.com', user: 'u', password: 'p', domain: 'd' }).problems.iamEndpoint).toBe('以明文 http 连接远程主机会以未加密方式发送凭据；只允许 https。');
  });

  it('checks each secret field with the secret schemas, in the current language', () => {
    expect(checkAccountFields({ ...FIELDS, auth: 'aksk', ak: 'has space', sk: '' }).problems).toEqual({ ak: 'Only ASCII letters, digits and punctuation: no spaces or line breaks.', sk: 'Required.' });
    i18n.lang = 'zh-CN';
    expect(checkAccountFields({ ...FIELDS, name: '' }).problems.name).toBe('必填。');
  });

  it('editing keeps the stored secret when the secret fields are left empty', () => {
    expect(checkAccountFields({ ...FIELDS, token: '' }, { keepSecret: true }).draft).toEqual({ name: 'Head office', region: 'cn-north-4', projectId: '0123456789abcdef0123456789abcdef' });
    expect(checkAccountFields({ ...FIELDS, token: '' }).draft).toBeNull();
  });
});

describe('AccountForm', () => {
  afterEach(() => cleanup());
  it('in Chinese, the inline problem next to a field is Chinese too', async () => {
    i18n.lang = 'zh-CN';
    const fake = new FakeBridge(SCENARIOS.demo());
    render(AccountForm, { props: { settings: new SettingsState(fake.bridge), ondone: vi.fn() } });
    const project = screen.getByLabelText('项目 ID') as HTMLInputElement;
    await fireEvent.input(project, { target: { value: 'x/y' } });
    await fireEvent.blur(project);
    const problem = document.getElementById(project.getAttribute('aria-describedby') ?? '');
    expect(problem?.textContent).toBe('不能包含“/”。请从控制台复制：我的凭证 > API 凭证，选择所用的区域。');
    await fireEvent.blur(screen.getByLabelText('账号名称'));
    expect(screen.getByText('必填。')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/Required|contains a slash/);
  });

  it('shows a problem next to the field once it is left, then saves once and clears the secret', async () => {
    i18n.lang = 'en';
    const fake = new FakeBridge(SCENARIOS.demo());
    const settings = new SettingsState(fake.bridge);
    const done = vi.fn();
    render(AccountForm, { props: { settings, ondone: done } });
    const project = screen.getByLabelText('Project ID') as HTMLInputElement;
    await fireEvent.input(project, { target: { value: 'x/y' } });
    expect(screen.queryByText(/Must not contain “\/”/)).toBeNull();
    await fireEvent.blur(project);
    expect(screen.getByText(/Must not contain “\/”/)).toBeTruthy();
    expect(project.getAttribute('aria-invalid')).toBe('true');

    await fireEvent.input(screen.getByLabelText('Account name'), { target: { value: 'Head office' } });
    await fireEvent.input(project, { target: { value: '0123456789abcdef0123456789abcdef' } });
    const token = screen.getByLabelText('Token') as HTMLInputElement;
    expect(token.type).toBe('password');
    await fireEvent.input(token, { target: { value: 'MIItoken' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await vi.waitFor(() => expect(done).toHaveBeenCalledOnce());
    expect(fake.calls.filter((call) => call.name === 'addAccount')).toHaveLength(1);
    expect([...fake.keychain.values()]).toEqual([{ method: 'token', secret: { token: 'MIItoken' } }]);
    expect(token.value).toBe('');
    expect(fake.calls.some((call) => call.name === 'getSettings')).toBe(true);
  });
});
