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

  it("reports the core's own words for a project id and an endpoint", () => {
    const checked = checkAccountFields({ ...FIELDS, projectId: 'a b', location: 'endpoint', endpoint: 'ftp://x' });
    const core = checkProjectId('a b');
    expect(core.ok).toBe(false);
    expect(checked.problems.projectId).toContain(core.ok ? '' : core.error.message);
    expect(checked.problems.endpoint).toContain('uses ftp; only https is allowed');
    expect(checked.draft).toBeNull();
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
  it('shows a problem next to the field once it is left, then saves once and clears the secret', async () => {
    i18n.lang = 'en';
    const fake = new FakeBridge(SCENARIOS.demo());
    const settings = new SettingsState(fake.bridge);
    const done = vi.fn();
    render(AccountForm, { props: { settings, ondone: done } });
    const project = screen.getByLabelText('Project ID') as HTMLInputElement;
    await fireEvent.input(project, { target: { value: 'x/y' } });
    expect(screen.queryByText(/contains a slash/)).toBeNull();
    await fireEvent.blur(project);
    expect(screen.getByText(/contains a slash/)).toBeTruthy();
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
