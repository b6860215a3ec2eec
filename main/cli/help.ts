// The --help text of each command, kept next to each other so they read as one manual.
import { REGIONS } from '../core/settings/schema.js';

const TARGET_OPTIONS = `Target (choose one; without any, the saved accounts are used: one account alone, or all of them):
  --demo                   Query an embedded simulator instead of Huawei Cloud (no credentials needed)
    --scenario NAME        Simulator scenario: steady (default), disconnect-storm, large-fleet, flaky,
                           throttled, auth-failure
    --seed N               Simulator seed (same seed, same data)
  --account NAME           A saved account (see \`workspace-tray accounts\`)
  --all                    Every saved account, concurrently
  --region R | --endpoint URL
                           An ad-hoc target; credentials come from the environment (below)
    --project-id ID        Its project id (or HUAWEICLOUD_SDK_PROJECT_ID)
    --iam-endpoint URL     IAM endpoint for password credentials (or HUAWEICLOUD_SDK_IAM_ENDPOINT)`;

const ENVIRONMENT = `Environment credentials for ad-hoc targets (the first complete set wins; never pass secrets as arguments):
  1. AK/SK signing:  HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK [+ HUAWEICLOUD_SDK_SECURITY_TOKEN]
  2. IAM password:   WORKSPACE_TRAY_IAM_USER + WORKSPACE_TRAY_IAM_PASSWORD + WORKSPACE_TRAY_IAM_DOMAIN
  3. X-Auth-Token:   WORKSPACE_TRAY_TOKEN
Settings folder: WORKSPACE_TRAY_CONFIG_DIR. Keychain service: WORKSPACE_TRAY_KEYCHAIN_SERVICE.`;

const EXIT_CODES = `Exit codes: 0 ok; 2 usage or configuration error (nothing sent); 3 authentication or permission
failure; 4 not found (wrong endpoint, region or project); 5 any other service, network, timeout or
invalid-response failure.`;

export const HELP = {
  main: `workspace-tray: Huawei Cloud Workspace desktop login, power and assignment states from the command line.

Usage: workspace-tray <command> [options]

Commands:
  status        Fetch the connection status once and print it (table or --json)
  watch         Poll repeatedly, report snapshots, disconnected-session spikes and errors
  history       Print or export the recorded history (table, CSV or NDJSON)
  accounts      Add, list, remove and test saved accounts (secrets go to the OS keychain)
  simulate      Run the Workspace API simulator in the foreground
  serve         Serve the fleet's states as Prometheus metrics (/metrics), polling each account once per interval
  disconnected  Who is disconnected, since when, and how their last connection went

Options:
  --help      Show help (also \`workspace-tray <command> --help\`)
  --version   Show the version

${EXIT_CODES}`,

  status: `Usage: workspace-tray status [options]

Fetch GET /v2/{project_id}/connections/status once and print a table of groups × counts with a totals
row, or one JSON object with --json. The table fits the terminal (80 columns when unknown): the main
counts (Run, Stop | Free, Fail | InUse, Ready, Disc, Unreg, and the --sort field); --wide shows all 13.
Times are local. On a terminal, Disc is yellow or red where as many desktops are disconnected as a
warning or critical alert needs, and Fail yellow when any desktop cannot be attached.

${TARGET_OPTIONS}

Options:
  --json                   Print JSON: {"project_id","endpoint","fetched_at","groups":[...],"totals":{...}};
                           with several accounts, an array whose items name their "account"
  --filter TEXT            Only groups whose name or key contains TEXT (case-insensitive)
  --sort FIELD             Order the groups: a count field (largest first; unknown last) or name (A to Z).
                           FIELD: running_num, stop_num, hibernate_num, other_num, attached_num,
                           unattached_num, cannot_attach_num, in_process_num, in_use_num, ready_num,
                           disconnected_num, unregistered_num, unknown_num, name
  --top N                  Only the first N groups (after --filter and --sort); TOTAL and "totals"
                           always count every group, and the table says how many are not shown
  --wide                   Every count (13 columns, wider than 80)
  --legend                 Explain the short column heads under the table
  --no-color               No colour (also off with NO_COLOR set, or when stdout is not a terminal)
  --timeout SECONDS        Give up after this long (default: the settings' polling.timeoutSeconds, 20)
  --help                   Show this help

Regions: ${REGIONS.join(', ')}

${ENVIRONMENT}

${EXIT_CODES} With several accounts, the worst code wins.`,

  watch: `Usage: workspace-tray watch [options]

Poll repeatedly with the same poller, spike detector and history as the tray app. One line per event,
or with --json one JSON object per line: {"type":"snapshot"|"spike"|"recovery"|"error"|"stale", ...}.
History is kept under the settings folder, per account (a temporary folder for --demo).

${TARGET_OPTIONS}

Options:
  --interval SECONDS       Time between polls, 1 or more (default: the settings' interval, 60)
  --max-polls N            Stop after N poll attempts per target (successful or not) and exit 0
  --timeout SECONDS        Per-request timeout (default: the settings' polling.timeoutSeconds, 20)
  --json                   One JSON object per line
  --changes-only           Print a snapshot only when a count changed since the last one printed for
                           that account (spikes, recoveries, errors and stale always print)
  --no-color               No colour (also off with NO_COLOR set, or when stdout is not a terminal);
                           on a terminal, critical spikes and errors are red, warnings and stale yellow
  --help                   Show this help

Ctrl-C stops cleanly. An authentication or permission error stops the target it concerns (polling again
cannot heal it); when every target has stopped, watch exits with the worst exit code.

${ENVIRONMENT}`,

  history: `Usage: workspace-tray history [target] [--group NAME]... [--since SPAN | --from ISO --to ISO]
                              [--fields FIELD,...] [--spikes] [--csv | --json]

Print what the app or \`watch\` recorded: the fleet's totals, or the groups named with --group (a group's
name or its stable key; repeat it for several). Full resolution for the last 24 hours, then the highest
value of each ten minutes (marked peak10m / peak-10m). It reads while the app or \`watch\` is recording.
The table marks with "!" the spikes and recoveries the app or \`watch\` raised (kept 30 days, across
restarts); --spikes lists them alone.

Target: --account NAME, --all, or --region R | --endpoint URL with --project-id ID (the ad-hoc history
\`watch\` kept for it); without any, every saved account. No credentials are needed.

Options:
  --group NAME             A desktop group (default: the fleet); a name several groups share gives all
                           of them, each under its key (NAME, NAME (#2), ...)
  --since SPAN             How far back: 30m, 1h, 24h (default), 7d, 30d
  --from ISO, --to ISO     A time range, ISO 8601 (2025-03-01, 2025-03-01T08:00, ...+01:00); local time
                           when no offset is given
  --fields F,...           The counts to show (default in the table: disconnected, in_use, ready,
                           unregistered; in CSV and JSON: all 13), e.g. --fields disconnected_num,ready_num
  --csv                    CSV with a header row: time,account,group,resolution,<fields>
  --json                   One JSON object per line (NDJSON): {"time","account","group","resolution",
                           "bucket_seconds",<fields>}; "group" is null for the fleet
  --spikes                 The spikes and recoveries instead of the counts: of the fleet (all of them) or
                           of the groups named; CSV time,account,event,severity,fleet,groups,title; JSON
                           {"time","account","event","severity","fleet","groups","title"}
  --help                   Show this help

Times are local: the table shows the machine's time zone, CSV and JSON ISO 8601 with its offset.`,

  accounts: `Usage: workspace-tray accounts <add|list|remove|test> [options]

  accounts add --name N (--region R | --endpoint URL) --project-id P
               --auth token|password|aksk [--iam-endpoint URL]
      The secret is read from stdin as one JSON object:
        token:    {"token": "..."}
        password: {"user": "...", "password": "...", "domain": "..."}
        aksk:     {"ak": "...", "sk": "..."[, "security_token": "..."]}
      or, on a terminal, prompted for without echo. It is stored in the OS keychain only.
  accounts list [--json]      The saved accounts (never their secrets)
  accounts remove N [--keep-history | --delete-history]
                              Delete the account's settings and keychain entries; asks whether to delete
                              its history too (without a terminal, one of the two options is needed)
  accounts test N [--timeout SECONDS]
                              One real call: OK with the group count, or the error (and its exit code)

Regions: ${REGIONS.join(', ')}`,

  disconnected: `Usage: workspace-tray disconnected [options]

List the desktops in one login state with their users, fetched on demand from
GET /v2/{project_id}/connect-desktops and the login records (GET /v2/{project_id}/connections/desktops, last
24 hours): desktop, user(s), disconnected since, and the last connection (end time, failure reason, network
and end-to-end round-trip time, client type and version). Longest disconnected first.

The table fits the terminal (or COLUMNS, else 80): desktop, user(s), how long disconnected and the failure
reason first, and a line naming the columns left out; --wide shows every column and the time each started.
"Disconnected since" is when the desktop was first seen disconnected (remembered per account beside its
history, so it survives a restart), or its last login record's end when that is earlier or nothing was seen.
User names and terminal IP addresses are personal data: they are printed here because you asked.

${TARGET_OPTIONS}

Options:
  --user NAME              Only this user's desktops
  --state STATE            disconnected (default), connected, ready, unregistered
  --json                   One JSON object: {"project_id","endpoint","state","fetched_at","complete","notes",
                           "desktops":[{"desktop_id","desktop_name","connect_status","users","since",
                           "disconnected_since","since_source","last_connection":{...}}]}; with several accounts
                           an array whose items name their "account"
  --csv                    CSV (RFC 4180); its first line says that it holds personal data
  --wide                   Every column, uncut (group, last ended, round trips, client)
  --max-pages N            At most N requests per list (default 10); a list cut short says so on stderr
  --timeout SECONDS        Per-request timeout (default: the settings' polling.timeoutSeconds, 20)
  --help                   Show this help

${EXIT_CODES}`,

  simulate: `Usage: workspace-tray simulate [--port N] [--scenario NAME] [--seed N]

Run the Workspace API simulator in the foreground on 127.0.0.1 and print its URL, project id, the token
it accepts, and a demo IAM user and access key to try the other auth methods. Ctrl-C stops it.

Options:
  --port N                 Port to listen on (default: any free port)
  --scenario NAME          steady (default), disconnect-storm, large-fleet, flaky, throttled, auth-failure
  --seed N                 Seed of the simulated fleet (same seed, same data)
  --help                   Show this help`,

  serve: `Usage: workspace-tray serve [target] [options]
       workspace-tray serve set-bearer-token < token-file

A Prometheus exporter. Each account is polled once per interval through the same poller and spike rules as
the tray app; /metrics serves the latest snapshot from memory, so scrapes never cause Workspace requests.
Pages: / (index), /metrics (Prometheus text format, or OpenMetrics when the Accept header asks for it),
/healthz (the process is alive), /readyz (200 once every account has been polled successfully, else 503).

${TARGET_OPTIONS}

Options:
  --listen HOST:PORT       Where to listen (default 127.0.0.1:9464, this machine only). Any other address
                           is your explicit choice, e.g. 0.0.0.0:9464; IPv6 as [::1]:9464
  --interval SECONDS       Time between polls per account, 1 or more (default: the settings' interval, 60)
  --timeout SECONDS        Per-request timeout (default: the settings' polling.timeoutSeconds, 20)
  --group-metrics all|top:N|none
                           Which groups get per-group series (13 counts + size each): all, the N largest
                           by desktops (a stable set), or none. Fleet totals are always exported.
                           Default top:500 (at most 7,000 series per account)
  --bearer-token-file PATH Require \`Authorization: Bearer <token>\` on /metrics, the token read from PATH
  --bearer-token-keychain  The same, the token read from the OS keychain (store it with set-bearer-token)
  --help                   Show this help

Metrics: huaweicloud_workspace_desktops{account,project_id,group,group_key,dimension,state} per group,
huaweicloud_workspace_fleet_desktops{account,project_id,dimension,state} per account (sum these, not the
per-group series, for fleet totals), huaweicloud_workspace_{group,fleet}_size_desktops, the exporter's
workspace_tray_* health (account_up, last_successful_poll_timestamp_seconds, poll_duration_seconds,
poll_errors_total{kind,http_status}, spikes_detected_total, build_info) and process_* metrics.
A count the API did not report is absent, never 0. SIGTERM or Ctrl-C stops cleanly. Rules, a Grafana
dashboard and a systemd unit are in contrib/.

${ENVIRONMENT}`,
} as const;

export type HelpTopic = keyof typeof HELP;

/**
 * A help text as the terminal shows it: written for a wide terminal, it is reflowed to `columns` when it does not
 * fit. A paragraph, or an option's description with its continuation lines, is joined and broken again at
 * spaces, continuing under its own text (a description under the description column), so an 80-column terminal
 * never cuts a word in two. A word wider than the line (a JSON example) stays whole.
 */
export function helpText(topic: HelpTopic, columns: number): string {
  interface Logical {
    text: string;
    readonly indent: number;
    /** Where wrapped lines continue: an option's description column, else the indent. */
    readonly hanging: number;
  }
  const written = HELP[topic];
  if (written.split('\n').every((line) => line.length <= columns)) return written;
  const logical: (Logical | null)[] = [];
  for (const line of written.split('\n')) {
    if (line.trim() === '') {
      logical.push(null);
      continue;
    }
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const previous = logical.at(-1);
    const startsItem = /^\s*(-|\d+\.|\w+:\s)/.test(line) && indent > 0;
    if (previous !== null && previous !== undefined && indent === previous.hanging && !startsItem) {
      previous.text = `${previous.text} ${line.trim()}`;
      continue;
    }
    const option = /^(\s*\S.*?\s{2,})\S/.exec(line)?.[1];
    logical.push({ text: line, indent, hanging: option !== undefined && option.length <= 32 ? option.length : indent });
  }
  return logical
    .flatMap((entry) => {
      if (entry === null) return [''];
      if (entry.text.length <= columns) return [entry.text];
      const out: string[] = [];
      let current = entry.text.slice(0, entry.hanging);
      let empty = true;
      for (const word of entry.text.slice(entry.hanging).split(/ +/)) {
        if (!empty && current.length + 1 + word.length > columns) {
          out.push(current);
          current = ' '.repeat(entry.hanging) + word;
        } else {
          current = empty ? current + word : `${current} ${word}`;
        }
        empty = false;
      }
      out.push(current);
      return out;
    })
    .join('\n');
}
