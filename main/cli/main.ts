import type { ExitCode } from './exit-codes.js';
import { usageError } from './args.js';
import { HELP, helpText, type HelpTopic } from './help.js';
import { outputColumns } from './terminal-text.js';
import type { CliIo } from './io.js';
import { packageVersion } from './version.js';
import { fail } from './report.js';

export type Command = (args: readonly string[], io: CliIo) => Promise<ExitCode>;

// Commands load lazily: `status` should not pay for loading the keychain module, nor `simulate` for the poller.
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  status: async () => (await import('./status.js')).statusCommand,
  watch: async () => (await import('./watch.js')).watchCommand,
  history: async () => (await import('./history.js')).historyCommand,
  accounts: async () => (await import('./accounts.js')).accountsCommand,
  simulate: async () => (await import('./simulate.js')).simulateCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  disconnected: async () => (await import('./disconnected.js')).disconnectedCommand,
};

export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    io.out(helpText(topic !== undefined && topic in HELP ? (topic as HelpTopic) : 'main', outputColumns(io)));
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.out(packageVersion());
    return 0;
  }
  const load = COMMANDS[first];
  if (load === undefined) {
    return fail(io, usageError('', `Unknown command '${first}'. Commands: ${Object.keys(COMMANDS).join(', ')}`));
  }
  const command = await load();
  return command(rest, io);
}
