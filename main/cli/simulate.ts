// `workspace-tray simulate`: the simulator in the foreground, with what a person needs to point a client at it.
import type { ExitCode } from './exit-codes.js';
import { workspaceError } from '../core/errors.js';
import { SCENARIO_DESCRIPTIONS, SCENARIO_NAMES } from '../simulator/scenarios.js';
import { startSimulator } from '../simulator/server.js';
import { integerOption, oneOf, parseCommandArgs } from './args.js';
import { helpText } from './help.js';
import { outputColumns } from './terminal-text.js';
import type { CliIo } from './io.js';
import { fail } from './report.js';

const OPTIONS = {
  port: { type: 'string' },
  scenario: { type: 'string' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function simulateCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs('simulate', args, OPTIONS);
  if (!parsed.ok) return fail(io, parsed.error);
  const { values } = parsed.value;
  if (values.help === true) {
    io.out(helpText('simulate', outputColumns(io)));
    return 0;
  }
  const port = integerOption('simulate', 'port', values.port, 0, 65535);
  if (!port.ok) return fail(io, port.error);
  const scenario = oneOf('simulate', 'scenario', values.scenario, SCENARIO_NAMES);
  if (!scenario.ok) return fail(io, scenario.error);
  const seed = integerOption('simulate', 'seed', values.seed, 0, 0xffff_ffff);
  if (!seed.ok) return fail(io, seed.error);

  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  try {
    simulator = await startSimulator({
      ...(port.value === undefined ? {} : { port: port.value }),
      ...(scenario.value === undefined ? {} : { scenario: scenario.value }),
      ...(seed.value === undefined ? {} : { seed: seed.value }),
    });
  } catch (cause) {
    return fail(io, workspaceError('config', `Could not start the simulator: ${cause instanceof Error ? cause.message : String(cause)}`, { hint: 'Is the port already in use?' }));
  }
  const chosen = scenario.value ?? 'steady';
  io.out(`Workspace API simulator listening on ${simulator.url}`);
  io.out(`  scenario:    ${chosen} (${SCENARIO_DESCRIPTIONS[chosen]})`);
  io.out(`  project id:  ${simulator.projectId}`);
  io.out(`  token:       ${simulator.token}`);
  // Demo credentials derived from the seed: they open only this local simulator, and showing them is the point.
  for (const user of simulator.users) {
    io.out(`  IAM user:    ${user.user} / password ${user.password} / domain ${user.domain} (IAM endpoint ${simulator.url})`);
  }
  for (const key of simulator.accessKeys) {
    io.out(`  access key:  AK ${key.ak} / SK ${key.sk}${key.securityToken === undefined ? '' : ` / security token ${key.securityToken}`}`);
  }
  io.out(`Try: WORKSPACE_TRAY_TOKEN=<token> workspace-tray status --endpoint ${simulator.url} --project-id ${simulator.projectId}`);
  io.out('Press Ctrl-C to stop.');

  await new Promise<void>((resolve) => {
    if (io.interrupted.aborted) resolve();
    else io.interrupted.addEventListener('abort', () => resolve(), { once: true });
  });
  await simulator.close();
  io.err('Simulator stopped.');
  return 0;
}
