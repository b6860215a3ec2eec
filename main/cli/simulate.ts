// `workspace-tray simulate`: the simulator in the foreground, with what a person needs to point a client at it.
import type { ExitCode } from './exit-codes.js';
import { workspaceError } from '../core/errors.js';
import { SCENARIO_DESCRIPTIONS, SCENARIO_NAMES, type ScenarioName } from '../simulator/scenarios.js';
import { startSimulator } from '../simulator/server.js';
import { integerOption, oneOf, parseCommandArgs } from './args.js';
import { helpText } from './help.js';
import { displayWidth, outputColumns, wrapColumns } from './terminal-text.js';
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
  for (const line of simulatorBanner(simulator, chosen, outputColumns(io))) io.out(line);
  io.out('Press Ctrl-C to stop.');

  await new Promise<void>((resolve) => {
    if (io.interrupted.aborted) resolve();
    else io.interrupted.addEventListener('abort', () => resolve(), { once: true });
  });
  await simulator.close();
  io.err('Simulator stopped.');
  return 0;
}

const LABEL_COLUMNS = 18;

/**
 * What a person needs to point a client at the simulator, fitted to `width` columns: labelled values, and a
 * value that cannot fit beside its label (a 96-character token) alone on the next line, so it is copied whole.
 */
export function simulatorBanner(
  simulator: Pick<Awaited<ReturnType<typeof startSimulator>>, 'url' | 'projectId' | 'token' | 'users' | 'accessKeys'>,
  scenario: ScenarioName,
  width: number,
): string[] {
  const labelled = (label: string, value: string): string[] => {
    const head = `  ${label}`.padEnd(LABEL_COLUMNS);
    return head.length + displayWidth(value) <= width ? [`${head}${value}`] : [`  ${label}`, value];
  };
  const paragraph = (label: string, text: string): string[] => {
    const head = `  ${label}`.padEnd(LABEL_COLUMNS);
    return wrapColumns(text, Math.max(20, width - LABEL_COLUMNS)).map((line, index) => `${index === 0 ? head : ' '.repeat(LABEL_COLUMNS)}${line}`);
  };
  return [
    `Workspace API simulator listening on ${simulator.url}`,
    ...paragraph('scenario', `${scenario}: ${SCENARIO_DESCRIPTIONS[scenario]}`),
    ...labelled('project id', simulator.projectId),
    // Demo credentials derived from the seed: they open only this local simulator, and showing them is the point.
    'Demo credentials (they open only this simulator):',
    ...labelled('token', simulator.token),
    ...simulator.users.flatMap((user) => [
      ...labelled('IAM user', user.user),
      ...labelled('password', user.password),
      ...labelled('domain', user.domain),
      ...labelled('IAM endpoint', simulator.url),
    ]),
    ...simulator.accessKeys.flatMap((key) => [
      ...labelled('access key (AK)', key.ak),
      ...labelled('secret key (SK)', key.sk),
      ...(key.securityToken === undefined ? [] : labelled('security token', key.securityToken)),
    ]),
    'Try, in another terminal:',
    '  export WORKSPACE_TRAY_TOKEN=<the token above>',
    ...wrapCommand(['workspace-tray status', `--endpoint ${simulator.url}`, `--project-id ${simulator.projectId}`], width),
  ];
}

/** A shell command over several lines (` \\` continuations) when it does not fit; each part stays whole. */
function wrapCommand(parts: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    if (line !== '' && displayWidth(`  ${line} ${part} \\`) > width) {
      lines.push(`  ${line} \\`);
      line = `    ${part}`;
    } else line = line === '' ? part : `${line} ${part}`;
  }
  return [...lines, `  ${line}`];
}
