// The Chinese of the error phrases only the settings window shows: saving an account or the settings (see
// error-phrases-zh.ts for the rest, which every window carries).
import type { ErrorPhraseCode } from '../../main/core/error-phrases.js';
import type { ERROR_PHRASES_ZH } from './error-phrases-zh.js';

export type FormPhraseCode = Extract<ErrorPhraseCode, `account.name-${string}` | 'settings.io' | 'account.region-or-endpoint' | 'account.not-both' | 'account.unknown-region' | 'account.iam-endpoint-method' | 'account.no-such-id' | 'account.no-such-name' | 'account.method-mismatch' | 'account.secret-invalid' | 'hint.no-accounts' | 'hint.saved-accounts' | 'hint.secret-left' | 'hint.account-kept' | 'hint.name-account' | 'hint.name-taken' | 'hint.region-or-endpoint' | 'hint.known-regions' | 'hint.drop-iam-endpoint' | 'hint.settings-folder'>;

export const FORM_PHRASES_ZH: Readonly<Record<FormPhraseCode, string>> = {
  'account.name-empty': '账号名称为空',
  'hint.name-account': '请为账号命名，例如 prod。',
  'account.name-too-long': '账号名称长 {length} 个字符；上限为 {max} 个',
  'account.name-control': '账号名称含有控制字符（例如换行或转义符）',
  'account.name-taken': '已存在名为 {name} 的账号',
  'hint.name-taken': '请换一个名称，或先删除该账号。',
  'account.region-or-endpoint': '账号需要一个区域或自定义终端节点',
  'account.not-both': '账号只能有区域或自定义终端节点之一，不能两者都有',
  'hint.region-or-endpoint': '请指定区域（{regions} 之一）或自定义终端节点。',
  'account.unknown-region': '未知区域 {region}',
  'hint.known-regions': '已知区域：{regions}；其他区域请填写其终端节点。',
  'account.no-such-name': '没有名为 {name} 的账号',
  'hint.no-accounts': '尚无已保存的账号：请添加一个。',
  'hint.saved-accounts': '已保存的账号：{names}。',
  'account.method-mismatch': '账号使用{method}方式，但提供的是{given}密钥',
  'account.secret-invalid': '{method}密钥无效：{problem}',
  'hint.secret-left': '钥匙串条目 {key} 也未能删除：{cause}',
  'hint.account-kept': '账号 {name} 已保留。',
  'account.iam-endpoint-method': 'IAM 终端节点仅适用于密码方式，不适用于 {method}',
  'hint.drop-iam-endpoint': '请去掉 IAM 终端节点，或改用密码方式。',
  'account.no-such-id': '没有 ID 为 {id} 的已保存账号',
  'settings.io': '无法{action}设置文件 {path}：{cause}',
  'hint.settings-folder': '请确认该文件夹存在且属于你，或用 WORKSPACE_TRAY_CONFIG_DIR 另选一个文件夹。',
};

/** Compile-time check: the two tables together say every phrase the core has. */
type Untranslated = Exclude<ErrorPhraseCode, keyof typeof ERROR_PHRASES_ZH | keyof typeof FORM_PHRASES_ZH>;
const everyPhraseTranslated: [Untranslated] extends [never] ? true : Untranslated = true;
void everyPhraseTranslated;
