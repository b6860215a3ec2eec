// How the CLI prints an error: the core's one-line form, plus, where the error names something a person can do
// (`WorkspaceError.action`), how to do it from the command line. The core and the app never name CLI flags: the
// app shows the same errors with buttons instead.
import { formatError, type ErrorAction, type WorkspaceError } from '../core/errors.js';

const REMOVE = (account: string) => `\`workspace-tray accounts remove ${JSON.stringify(account)}\``;

/** What to type, per action. */
export function cliAdvice(action: ErrorAction): string {
  switch (action.do) {
    case 'add-account':
      return 'Run `workspace-tray accounts add` (see `workspace-tray accounts --help`).';
    case 'readd-account':
      return `In the CLI: ${REMOVE(action.account)}, then \`accounts add\`.`;
    case 'rename-or-remove-account':
      return `To remove it: ${REMOVE(action.account)}.`;
    case 'name-account':
      return 'Pass --name NAME.';
    case 'choose-region-or-endpoint':
      return 'Pass --region R or --endpoint URL.';
    case 'drop-iam-endpoint':
      return 'Leave out --iam-endpoint, or use --auth password.';
    case 'set-iam-endpoint':
      return 'In the CLI: --iam-endpoint URL (accounts add, status, watch).';
    case 'replace-token':
      return 'In the CLI: run `workspace-tray accounts add ... --auth token` again with a new token.';
    case 'give-project-id':
      return 'Pass --project-id ID.';
    case 'configure-target':
      return 'In the CLI: `workspace-tray accounts add` (see `workspace-tray accounts --help`), or credentials in the environment with --region R or --endpoint URL and --project-id ID; or try it without an account: --demo.';
  }
}

/** The error with the CLI's advice added to its hint. */
export function withCliAdvice(error: WorkspaceError): WorkspaceError {
  if (error.action === undefined) return error;
  const advice = cliAdvice(error.action);
  return { ...error, hint: error.hint === undefined ? advice : `${error.hint} ${advice}` };
}

/** The one-line form the CLI prints on stderr, in JSON and in `watch` lines. */
export function formatCliError(error: WorkspaceError): string {
  return formatError(withCliAdvice(error));
}
