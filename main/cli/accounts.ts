// `workspace-tray accounts add|list|remove|test`: saved accounts, their secrets in the OS keychain only.
import { rm, stat } from 'node:fs/promises';
import type { AccountInput } from '../app/accounts.js';
import type { ExitCode } from './exit-codes.js';
import { exitCodeFor } from './exit-codes.js';
import { AUTH_METHODS, type Account } from '../core/settings/schema.js';
import { FileHistoryStore } from '../node/file-history-store.js';
import { atMostOne, oneOf, parseCommandArgs, secondsOption, usageError } from './args.js';
import { helpText } from './help.js';
import { historyFolderOf } from './history-folder.js';
import { promptLine } from './prompt.js';
import type { CliIo } from './io.js';
import { fail } from './report.js';
import { regionOption } from './region-option.js';
import { readSecret } from './secret-input.js';
import { displayWidth, padEndColumns, terminalSafe, outputColumns } from './terminal-text.js';
import { onceResults } from './status.js';
import { openAccounts, readCliSettings } from './stores.js';
import { chooseIamEndpoint, cliMonitoring, type IamEndpointSource } from './targets.js';

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

export async function accountsCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
      return addAccount(rest, io);
    case 'list':
      return listAccounts(rest, io);
    case 'remove':
      return removeAccount(rest, io);
    case 'test':
      return testAccount(rest, io);
    case undefined:
    case '--help':
    case '-h':
      io.out(helpText('accounts', outputColumns(io)));
      return 0;
    default:
      return fail(io, usageError('accounts', `Unknown accounts command '${sub}'. Commands: add, list, remove, test`));
  }
}

async function addAccount(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs('accounts', args, {
    name: { type: 'string' },
    region: { type: 'string' },
    endpoint: { type: 'string' },
    'project-id': { type: 'string' },
    auth: { type: 'string' },
    'iam-endpoint': { type: 'string' },
    ...HELP_OPTION,
  });
  if (!parsed.ok) return fail(io, parsed.error);
  const { values } = parsed.value;
  if (values.help === true) {
    io.out(helpText('accounts', outputColumns(io)));
    return 0;
  }
  if (values.name === undefined) return fail(io, usageError('accounts', 'accounts add needs --name N'));
  if ((values.region === undefined) === (values.endpoint === undefined)) {
    return fail(io, usageError('accounts', 'accounts add needs either --region R or --endpoint URL'));
  }
  if (values['project-id'] === undefined) return fail(io, usageError('accounts', 'accounts add needs --project-id P'));
  if (values.auth === undefined) return fail(io, usageError('accounts', `accounts add needs --auth ${AUTH_METHODS.join('|')}`));
  const auth = oneOf('accounts', 'auth', values.auth, AUTH_METHODS);
  if (!auth.ok || auth.value === undefined) return fail(io, auth.ok ? usageError('accounts', 'accounts add needs --auth') : auth.error);
  const region = regionOption(values.region);
  if (!region.ok) return fail(io, region.error);

  const input: AccountInput = {
    name: values.name,
    ...(region.value === undefined ? {} : { region: region.value }),
    ...(values.endpoint === undefined ? {} : { endpoint: values.endpoint }),
    projectId: values['project-id'],
    auth: auth.value,
    ...(values['iam-endpoint'] === undefined ? {} : { iamEndpoint: values['iam-endpoint'] }),
  };
  const { accounts } = openAccounts(io);
  // Before the secret is asked for: nobody should type a password only to hear that the name is taken.
  const checked = await accounts.checkNew(input);
  if (!checked.ok) return fail(io, checked.error);
  const secret = await readSecret(auth.value, io);
  if (!secret.ok) return fail(io, secret.error);

  const added = await accounts.add(input, secret.value);
  if (!added.ok) return fail(io, added.error);
  io.out(`Added account ${added.value.name} (${describeAccount(added.value)}). Its secret is in the OS keychain.`);
  if (added.value.auth === 'password') {
    const iam = chooseIamEndpoint(undefined, added.value.iamEndpoint, io.env, added.value.region);
    if (iam.ok) io.out(`IAM tokens will come from ${iam.value.url} (${IAM_SOURCE_WORDS[iam.value.source]}).`);
  }
  io.out(`Try it: workspace-tray accounts test ${quoteArg(added.value.name)}`);
  return 0;
}

async function listAccounts(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs('accounts', args, { json: { type: 'boolean' }, ...HELP_OPTION });
  if (!parsed.ok) return fail(io, parsed.error);
  if (parsed.value.values.help === true) {
    io.out(helpText('accounts', outputColumns(io)));
    return 0;
  }
  const { accounts } = openAccounts(io);
  const listed = await accounts.list();
  if (!listed.ok) return fail(io, listed.error);
  if (parsed.value.values.json === true) {
    io.out(JSON.stringify(listed.value.map(accountJson)));
    return 0;
  }
  if (listed.value.length === 0) {
    io.out('No saved accounts. Add one with `workspace-tray accounts add` (see `workspace-tray accounts --help`).');
    return 0;
  }
  // Measured in terminal columns: an account named in Chinese takes two per character.
  const rows = [
    ['Name', 'Region / endpoint', 'Project id', 'Auth'],
    ...listed.value.map((account) => [terminalSafe(account.name), account.region ?? account.endpoint ?? '', account.projectId, account.auth]),
  ];
  const widths = rows[0]?.map((_cell, column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? '')))) ?? [];
  for (const row of rows) io.out(row.map((cell, column) => padEndColumns(cell, widths[column] ?? 0)).join('  ').trimEnd());
  return 0;
}

async function removeAccount(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs('accounts', args, { 'keep-history': { type: 'boolean' }, 'delete-history': { type: 'boolean' }, ...HELP_OPTION }, { min: 0, max: 1 });
  if (!parsed.ok) return fail(io, parsed.error);
  const { values } = parsed.value;
  if (values.help === true) {
    io.out(helpText('accounts', outputColumns(io)));
    return 0;
  }
  const name = parsed.value.positionals[0];
  if (name === undefined) return fail(io, usageError('accounts', 'accounts remove needs the account name'));
  const exclusive = atMostOne('accounts', { 'keep-history': values['keep-history'] === true, 'delete-history': values['delete-history'] === true });
  if (!exclusive.ok) return fail(io, exclusive.error);
  const { accounts, configDir } = openAccounts(io);
  const found = await accounts.named(name);
  if (!found.ok) return fail(io, found.error);
  // Decided before anything is removed: an account gone with its history left behind, unnamed, helps nobody.
  const folder = historyFolderOf(configDir, { accountId: found.value.id, endpoint: '', projectId: found.value.projectId });
  const hasHistory = await stat(folder).then(
    () => true,
    () => false,
  );
  let deleteHistory = values['delete-history'] === true;
  if (hasHistory && values['keep-history'] !== true && !deleteHistory) {
    if (io.stdin.isTTY !== true) {
      return fail(io, usageError('accounts', `${terminalSafe(found.value.name)} has history at ${folder}: pass --keep-history or --delete-history`));
    }
    const answer = await promptLine(io, `Also delete the history of ${terminalSafe(found.value.name)} (${folder})? [y/N] `, true);
    if (!answer.ok) return fail(io, answer.error);
    deleteHistory = /^y(es)?$/i.test(answer.value.trim());
  }
  if (hasHistory && deleteHistory) {
    // The writer's lock says whether the app or a `watch` is recording it now: then nothing is removed.
    const inUse = await FileHistoryStore.open({ folder });
    if (!inUse.ok) return fail(io, inUse.error);
    await inUse.value.close();
  }
  const removed = await accounts.remove(found.value.name);
  if (!removed.ok) return fail(io, removed.error);
  if (hasHistory && deleteHistory) {
    await rm(folder, { recursive: true, force: true });
    io.out(`Removed account ${removed.value.name}, its keychain entries and its history.`);
  } else if (hasHistory) {
    io.out(`Removed account ${removed.value.name} and its keychain entries; its history is kept at ${folder}.`);
  } else {
    io.out(`Removed account ${removed.value.name} and its keychain entries.`);
  }
  return 0;
}

async function testAccount(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs('accounts', args, { timeout: { type: 'string' }, ...HELP_OPTION }, { min: 0, max: 1 });
  if (!parsed.ok) return fail(io, parsed.error);
  if (parsed.value.values.help === true) {
    io.out(helpText('accounts', outputColumns(io)));
    return 0;
  }
  const name = parsed.value.positionals[0];
  if (name === undefined) return fail(io, usageError('accounts', 'accounts test needs the account name'));
  const timeout = secondsOption('accounts', 'timeout', parsed.value.values.timeout, 0.1, 300);
  if (!timeout.ok) return fail(io, timeout.error);
  const settings = await readCliSettings(io);
  if (!settings.ok) return fail(io, settings.error);
  const timeoutMs = timeout.value ?? settings.value.polling.timeoutSeconds * 1000;

  const monitoring = await cliMonitoring({ kind: 'account', name, iamEndpoint: undefined }, io, { mode: 'once', timeoutMs });
  if (!monitoring.ok) return fail(io, monitoring.error);
  let entry: ReturnType<typeof onceResults>[number] | undefined;
  try {
    const started = await monitoring.value.service.start();
    if (!started.ok) return fail(io, started.error);
    entry = onceResults(monitoring.value.service)[0];
  } finally {
    await monitoring.value.close();
  }
  if (entry === undefined) return 0;
  const result = entry.result;
  // Nothing was sent (no secret in the keychain, a bad endpoint): the error alone says it.
  if (!result.ok && !entry.sent) return fail(io, result.error, entry.label);
  if (!result.ok) {
    const code = fail(io, result.error, entry.label);
    io.out(`${entry.label}: FAILED (exit code ${exitCodeFor(result.error)})`);
    return code;
  }
  const groups = result.value.groups.length;
  io.out(`${entry.label}: OK, ${groups} desktop group${groups === 1 ? '' : 's'} (project ${result.value.projectId} at ${result.value.endpoint})`);
  return 0;
}

const CHANGE_IAM = 'to change it, remove the account and add it again with --iam-endpoint URL';

const IAM_SOURCE_WORDS: Readonly<Record<IamEndpointSource, string>> = {
  flag: `--iam-endpoint; ${CHANGE_IAM}`,
  account: `--iam-endpoint; ${CHANGE_IAM}`,
  environment: `HUAWEICLOUD_SDK_IAM_ENDPOINT, read on every run; ${CHANGE_IAM}, or change the variable`,
  region: `the region's; ${CHANGE_IAM}, or set HUAWEICLOUD_SDK_IAM_ENDPOINT`,
  global: `the global IAM, as --endpoint names no region; a private deployment has its own: ${CHANGE_IAM}, or set HUAWEICLOUD_SDK_IAM_ENDPOINT`,
};

function describeAccount(account: Account): string {
  const where = account.region !== undefined ? `region ${account.region}` : `endpoint ${account.endpoint ?? ''}`;
  return `${where}, project ${account.projectId}, auth ${account.auth}`;
}

function accountJson(account: Account): Record<string, string | null> {
  return {
    name: account.name,
    id: account.id,
    region: account.region ?? null,
    endpoint: account.endpoint ?? null,
    project_id: account.projectId,
    auth: account.auth,
    iam_endpoint: account.iamEndpoint ?? null,
  };
}

function quoteArg(value: string): string {
  return /^[\w.@-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
