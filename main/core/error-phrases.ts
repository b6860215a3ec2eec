// The English words of every error message and hint main can give, each named by a phrase code (see
// error-wording.ts for how errors carry them). Nothing else here: the windows import this module's types only.
export const ERROR_PHRASES = {
  // Non-2xx answers of Workspace (api/error-response.ts).
  'http.auth': 'Workspace did not accept the credentials',
  'http.permission': 'Workspace refused access to the connection status',
  'http.not-found': 'Workspace found no such API or project at this endpoint',
  'http.throttled': 'Workspace is throttling requests',
  'http.server-failed': 'Workspace or a gateway in front of it failed',
  'http.redirected': 'The endpoint redirected the request elsewhere',
  'http.rejected': 'Workspace rejected the request',
  'hint.apigw-throttled': 'Too many requests for this account: wait, then poll less often.',
  'hint.apigw-no-api': 'There is no such API at this endpoint: check the region or the custom endpoint.',
  'hint.wks-invalid': 'Workspace found the request invalid: check the project id.',
  'hint.wks-not-enabled': 'Workspace is not enabled in this project or region: enable it in the Workspace console, or choose the region and project where it runs.',
  'hint.check-credentials': "Check the account's credentials.",
  'hint.needs-permission': 'The IAM user needs the permission workspace:desktops:getConnectStatus (read) in this project.',
  'hint.check-location': 'Check the region or endpoint, and the project id.',
  'hint.poll-less': 'Wait, then poll less often.',
  'hint.temporary': 'This is usually temporary: try again later.',
  'hint.redirect': 'Check the endpoint: a proxy or login page may be answering instead of Workspace.',
  'hint.retry-after': 'The server asked to wait {seconds} s before the next request.',
  'hint.ak-locked': 'This access key is locked for 5 minutes after repeated bad signatures. Do not retry: fix the secret key, then wait 5 minutes.',
  'hint.signature-rejected': "The AK/SK signature was rejected: check the secret key, and that this computer's clock is within 15 minutes of the real time.",
  'hint.token-invalid': "The token has expired or is not valid: paste a new token (tokens last 24 hours), or check the account's credentials.",

  // IAM password tokens (auth/iam.ts, app/auth/password-authenticator.ts). {user} and {domain} come quoted.
  'iam.bad-request': 'IAM at {host} refused the token request for user {user} of account {domain}',
  'iam.sign-in-refused': 'IAM at {host} did not accept the sign-in of user {user} of account {domain}',
  'iam.token-refused': 'IAM at {host} refused a token to user {user} of account {domain}',
  'iam.no-service': 'No IAM token service at {host}',
  'iam.throttled': 'IAM at {host} is throttling token requests',
  'iam.failed': 'IAM at {host} failed to issue a token',
  'iam.status': 'IAM at {host} answered the token request with HTTP {status}',
  'iam.no-token-header': 'The IAM answer from {host} has no X-Subject-Token header',
  'iam.not-json': 'The IAM answer from {host} is not JSON',
  'iam.no-expiry': 'The IAM answer from {host} has no token.expires_at',
  'iam.bad-expiry': 'The IAM answer from {host} has a token.expires_at that is not an ISO-8601 time: {value}',
  'iam.unreachable': 'Could not get an IAM token: {cause}',
  'iam.endpoint': 'IAM endpoint: {cause}',
  'iam.cancelled': 'The IAM token request was cancelled',
  'hint.iam-bad-request': "Check the project id, and that the IAM endpoint belongs to the project's region.",
  'hint.iam-sign-in':
    'The user name, password or account (domain) name is wrong, or the user is locked or needs multi-factor sign-in (not supported: use an AK/SK instead).',
  'hint.iam-refused': 'The user may be disabled, or may have no access to this project: check the user in the IAM console.',
  'hint.iam-check-endpoint-example': 'Check the IAM endpoint (for example https://iam.REGION.myhuaweicloud.com).',
  'hint.iam-endpoint-advice':
    "If this is not the IAM of the project's cloud (a private deployment, another region), set the account's IAM endpoint, or HUAWEICLOUD_SDK_IAM_ENDPOINT.",
  'hint.wait-retry': 'Wait, then try again.',
  'hint.iam-check-endpoint': 'Check the IAM endpoint.',
  'hint.iam-not-iam': 'The IAM endpoint may not be a Huawei Cloud IAM service: check it.',
  'hint.iam-endpoint':
    "Use https://iam.REGION.myhuaweicloud.com (or the global https://iam.myhuaweicloud.com), or leave the IAM endpoint out to use the region's.",

  // Pasted tokens and AK/SK (app/auth).
  'auth.token-expired': 'The X-Auth-Token has expired',
  'hint.paste-token': 'Paste a new token into the account. A token lasts 24 hours at most; the IAM password and AK/SK methods renew themselves.',
  'auth.ak-locked': 'Huawei Cloud has locked this access key for 5 minutes after 5 requests with bad signatures',
  'hint.ak-locked-wait': 'Do not retry now. Check that the secret key (SK) is the one created with this access key (AK), then wait 5 minutes.',
  'hint.also-clock-ahead': "Also: this computer's clock is {minutes} minutes ahead of the server's; set it right first.",
  'hint.also-clock-behind': "Also: this computer's clock is {minutes} minutes behind the server's; set it right first.",
  'auth.clock-ahead': "This computer's clock is {minutes} minutes ahead of the server's; Huawei Cloud refuses signatures more than 15 minutes off",
  'auth.clock-behind': "This computer's clock is {minutes} minutes behind the server's; Huawei Cloud refuses signatures more than 15 minutes off",
  'hint.set-clock': "Set this computer's clock right (turn on automatic time synchronisation), then try again. Retrying before that fails again and may lock the key for 5 minutes.",
  'auth.signature-rejected': 'Huawei Cloud rejected the AK/SK signature',
  'hint.check-aksk-pair': 'Check the AK/SK pair: the secret key (SK) must be the one created with this access key (AK). After 5 bad signatures the key is locked for 5 minutes.',
  'auth.temporary-key-rejected': 'Huawei Cloud did not accept the temporary access key',
  'hint.temporary-key': 'Temporary AK/SK and their security token expire: get new ones and save them again.',

  // The one HTTP path (app/http-request.ts, app/transport-failure.ts). {failure} is one of the `transport.` phrases.
  'net.cancelled': 'Request to {host} was cancelled',
  'net.timeout': 'No complete answer from {host} within {seconds} s',
  'hint.timeout': 'Check the network or proxy, or raise the timeout.',
  'net.not-sent': 'Could not send the request to {host}: {failure}',
  'net.unreadable': 'Could not read the answer from {host}: {failure}',
  'net.unreachable': 'Could not reach {host}: {failure}',
  'net.too-large': 'The answer from {host} is larger than {mib} MiB',
  'hint.not-workspace-api': 'The endpoint may not be a Workspace API; check it.',
  'transport.bad-header': 'a request header holds a character HTTP does not allow, so nothing was sent',
  'hint.header-chars': 'Check the credentials for stray spaces, line breaks or non-ASCII characters, then save them again.',
  'transport.not-http': 'the answer is not valid HTTP ({code})',
  'hint.not-http': 'Check the endpoint: it may not be an HTTPS API, or a proxy may be mangling the answer.',
  'transport.failed': 'connection failed',
  /** The platform's own words, when it gave no code we know. */
  'transport.other': '{detail}',
  'transport.cert-expired': "the server's TLS certificate has expired ({code})",
  'transport.cert-not-yet-valid': "the server's TLS certificate is not valid yet (check this computer's clock) ({code})",
  'transport.cert-untrusted': "the server's TLS certificate is not signed by a trusted certificate authority ({code})",
  'transport.issuer-untrusted': "the issuer of the server's TLS certificate is not trusted here ({code})",
  'transport.self-signed-chain': "the server's TLS certificate chain ends in a self-signed certificate that is not trusted here ({code})",
  'transport.self-signed': "the server's TLS certificate is self-signed ({code})",
  'transport.cert-wrong-host': "the server's TLS certificate is for a different host name ({code})",
  'transport.tls-handshake': 'the TLS handshake failed (is the endpoint plain http, or a proxy port?) ({code})',
  'transport.cert-date': "the server's TLS certificate has expired or is not valid yet ({code})",
  'transport.host-not-found': 'host name not found ({code})',
  'transport.lookup-failed': 'host name lookup failed for now ({code})',
  'transport.refused': 'connection refused ({code})',
  'transport.reset': 'connection reset ({code})',
  'transport.closed': 'the server closed the connection ({code})',
  'transport.connect-timeout': 'connecting timed out ({code})',
  'transport.stopped-answering': 'the server stopped answering ({code})',
  'transport.host-unreachable': 'host unreachable ({code})',
  'transport.network-unreachable': 'network unreachable ({code})',
  'transport.offline': 'this computer is offline ({code})',
  'transport.proxy-unreachable': 'the proxy could not be reached ({code})',
  'hint.network': 'Check the endpoint, the network connection and any proxy or firewall.',
  'hint.tls':
    "If a corporate proxy or a private certificate authority signs this traffic, trust its CA certificate: for the CLI, set NODE_EXTRA_CA_CERTS=/path/to/ca.pem; the app uses the operating system's certificate store. Otherwise check the endpoint.",

  // Saved accounts and their secrets (app/accounts.ts). {name} comes quoted.
  'account.name-empty': 'The account name is empty',
  'hint.name-account': 'Give the account a name, for example prod.',
  'account.name-too-long': 'The account name is {length} characters long; the limit is {max}',
  'account.name-control': 'The account name contains a control character (such as a line break or an escape)',
  'account.name-taken': 'An account named {name} already exists',
  'hint.name-taken': 'Choose another name, or remove that account first.',
  'account.region-or-endpoint': 'An account needs a region or a custom endpoint',
  'account.not-both': 'An account has a region or a custom endpoint, not both',
  'hint.region-or-endpoint': 'Give a region (one of {regions}) or a custom endpoint.',
  'account.unknown-region': 'Unknown region {region}',
  'hint.known-regions': 'Known regions: {regions}; for another, give its endpoint.',
  'account.iam-endpoint-method': 'An IAM endpoint applies only to the password method, not to {method}',
  'hint.drop-iam-endpoint': 'Leave out the IAM endpoint, or use the password method.',
  'account.no-secret': 'The OS keychain has no secret for the account {name}',
  'hint.no-secret': 'A locked keyring reads as empty: unlock it and try again. Otherwise the entry was deleted; remove the account and add it again.',
  'account.secret-not-json': 'The keychain entry of the account {name} is not valid JSON',
  'hint.readd-account': 'Remove the account and add it again.',
  'account.no-such-id': 'No saved account has the id {id}',
  'account.no-such-name': 'No account named {name}',
  'hint.no-accounts': 'There are no saved accounts: add one.',
  'hint.saved-accounts': 'Saved accounts: {names}.',
  'hint.secret-left': 'The keychain entry {key} could not be removed either: {cause}',
  'hint.account-kept': 'The account {name} was kept.',
  // A secret that does not fit its method (auth/secrets.ts). {method} is token, password or aksk; {field} quoted.
  'account.secret-wrong-kind': 'The keychain entry of the account {name} is not a {method} secret: {problem}',
  'account.method-mismatch': 'The account uses the {method} method but the secret given is a {given} secret',
  'account.secret-invalid': 'The {method} secret is not valid: {problem}',
  'secret.not-object': 'it must be a JSON object',
  'secret.unexpected-field': 'unexpected field {fields}',
  'secret.unexpected-fields': 'unexpected fields {fields}',
  'secret.missing': '{field} is missing or not text',
  'secret.empty': '{field} is empty',
  'secret.not-header-safe': '{field} contains spaces, line breaks or characters other than ASCII letters, digits and punctuation',
  'secret.invalid': '{field} is not valid',
  'secret.and': '{problem}; {more}',
  'account.not-connected': 'The account {name} is not connected yet',
  'export.no-data': 'There is no data to export yet',
  'hint.wait-first-poll': 'Wait for the first poll of the account, or refresh it.',

  // The OS keychain (node/keytar-secret-store.ts). {action} is read, save or delete; {detail} the platform's words.
  'keychain.no-library': 'The keychain library (keytar) could not be loaded: {detail}',
  'hint.reinstall': 'Reinstall Workspace Tray. From source: install libsecret-1-dev (Linux), then run `npm rebuild keytar`. Secrets are never stored anywhere else.',
  'keychain.no-service': 'Cannot {action} the secret in the OS keychain: no Secret Service is running ({detail})',
  /** {command}: how to start a keyring without a desktop session (node/keytar-secret-store.ts). */
  'hint.start-secret-service':
    'Install and start a Secret Service provider (gnome-keyring, or KeePassXC with Secret Service integration enabled) and run Workspace Tray inside a desktop session; for a headless run, start one with {command}. Secrets are never written in plain text instead.',
  'keychain.locked': 'Cannot {action} the secret in the OS keychain: the keyring is locked or has no default collection ({detail})',
  'hint.unlock-keyring':
    'Unlock the keyring (log in to the desktop session, or unlock "Login" in Passwords and Keys / Seahorse or KeePassXC), or create a default keyring, then try again.',
  'keychain.dismissed': 'Cannot {action} the secret in the OS keychain: the keychain prompt was dismissed ({detail})',
  'hint.allow-keychain': 'Try again and allow Workspace Tray to use the keychain.',
  'keychain.failed': 'Cannot {action} the secret in the OS keychain: {detail}',
  'hint.check-keychain': 'Check that the OS keychain is available and unlocked, then try again.',

  // The settings file (node/file-settings-store.ts). {action}: read or write; {cause}: one of the `io.` phrases (a
  // file operation's failure, launch at login's too).
  'settings.io': 'Cannot {action} the settings file {path}: {cause}',
  'hint.settings-folder': 'Check that the folder exists and belongs to you, or choose another one with WORKSPACE_TRAY_CONFIG_DIR.',
  'io.EACCES': 'permission denied ({code})',
  'io.EPERM': 'operation not permitted ({code})',
  'io.EISDIR': 'it is a folder, not a file ({code})',
  'io.ENOTDIR': 'a part of the path is a file, not a folder ({code})',
  'io.ENOSPC': 'the disk is full ({code})',
  'io.EROFS': 'the file system is read-only ({code})',
  'io.ENOENT': 'a folder on the way does not exist ({code})',
  'io.ELOOP': 'too many symbolic links ({code})',
  'io.refused': 'the system refused ({code})',
  'io.other': '{detail}',

  // The settings file and launch at login (node/file-settings-store.ts, core/settings/, electron/login-item.ts,
  // platform/xdg-autostart.ts). {path} and {aside} are file paths; a `setting.` phrase is one problem of a settings
  // document, its {path} the setting's place (accounts[0].name); {expected} and {found} are `setting.expect-` and
  // `setting.found-` phrases, or the answers' json.* and expected.* where the words are the same (or the number
  // found); {cause} and {why} are phrases.
  'settings.set-aside': 'The settings file {path} could not be used: {why}. It was kept, untouched, as {aside}; Workspace Tray starts from the default settings',
  'settings.not-json': 'it is not valid JSON',
  'settings.not-json-at': 'it is not valid JSON (line {line}, column {column})',
  'settings.empty': 'it is empty, not JSON',
  'settings.not-json-object': 'it is not a JSON object',
  'settings.from-newer': 'it was written by a newer Workspace Tray (settings version {version}; this one reads up to {max})',
  'hint.settings-repair': 'Your accounts are in that file: repair it and move it back, or add them again. Their secrets are still in the keychain.',
  'hint.settings-update': 'Update Workspace Tray to use those settings again (move the file back to config.json), or set this version up afresh.',
  'settings.invalid-file': 'The settings file {path} is invalid: {cause}',
  'hint.settings-fix-file': 'Correct the file, or move it away to start from the defaults; Workspace Tray never overwrites a settings file it cannot read.',
  'settings.new-invalid': 'The new settings are invalid: {cause}',
  'settings.not-object': 'the settings must be a JSON object ({ ... }), not {found}',
  'settings.version-not-whole': 'version must be a whole number such as {version}',
  'settings.version-newer': 'version {version} is newer than this Workspace Tray understands (it reads up to version {max})',
  'hint.settings-newer': 'Update Workspace Tray, or restore a settings file written by this version.',
  'settings.version-no-step': 'version {version} cannot be upgraded: this build has no migration from it',
  /** Problems of a settings document one after another; {first} and {next} are `setting.` phrases or this one. */
  'settings.problems': '{first}; {next}',
  'settings.one-more': '{problems}; and 1 more problem',
  'settings.more': '{problems}; and {count} more problems',
  /** The place of a problem of the whole document. */
  'settings.root': 'the settings',
  'setting.missing': '{path} is missing',
  'setting.type': '{path} must be {expected} (found {found})',
  'setting.between': '{path} must be between {min} and {max} (found {found})',
  'setting.at-least': '{path} must be at least {min} (found {found})',
  'setting.at-most': '{path} must be at most {max} (found {found})',
  'setting.empty': '{path} must not be empty',
  'setting.min-chars': '{path} must be at least {min} characters long',
  'setting.max-chars': '{path} must be at most {max} characters long',
  'setting.min-items': '{path} must have at least {min} items',
  'setting.max-items': '{path} must have at most {max} items',
  'setting.equals': '{path} must be {value}',
  'setting.one-of': '{path} must be one of {values}',
  'setting.uuid': '{path} must be a UUID such as 123e4567-e89b-42d3-a456-426614174000',
  'setting.format': '{path} must be a valid {format}',
  'setting.region-or-endpoint': '{path}: an account has either a region or a custom endpoint, not both and not neither',
  'setting.name-repeated': '{path} {name} is already the name of accounts[{index}] (names must differ, ignoring case)',
  'setting.id-repeated': '{path} repeats the id of accounts[{index}] (each account needs its own)',
  /** A field's own check (an endpoint's, a project id's), {cause} its phrase. */
  'setting.field': '{path}: {cause}',
  'setting.expect-int': 'a whole number',
  'setting.expect-string': 'text in quotes',
  'setting.expect-array': 'a list ([ ... ])',
  'setting.expect-object': 'an object ({ ... })',
  'setting.found-list': 'a list',
  'setting.found-text': 'text',
  'setting.found-whole': 'the whole number {value}',
  'setting.found-number': 'the number {value}',
  'login.write-failed': 'Could not write {path}: {cause}',
  'login.remove-failed': 'Could not remove {path}: {cause}',
  'login.relative-path': 'The autostart entry needs an absolute program path, not {path}.',
  'login.control-char': 'The program path or an argument of the autostart entry holds a control character: {value}.',
  'login.no-name': 'The autostart entry needs a name.',
  'hint.launch-at-login': 'Launch at login could not be set up; start Workspace Tray from the applications menu instead.',

  // An answer that is not what the API documents (api/answer-problems.ts). {found} and {expected} are json.* and
  // expected.* phrases, {found} of a body that is not JSON a body.* phrase.
  'answer.of-status': 'connection status',
  'answer.of-desktops': 'desktop list',
  'answer.of-records': 'login records',
  'answer.not-json': 'The {answer} answer (HTTP {status}) is not JSON ({found})',
  'answer.not-object': 'The {answer} answer (HTTP {status}) is JSON {found}, not an object with a "{list}" array',
  'answer.no-list': 'The {answer} answer (HTTP {status}) has no "{list}" field',
  'answer.list-not-array': 'The {answer} answer (HTTP {status}) has "{list}" as {found}, not an array',
  'answer.unexpected': 'The {answer} answer (HTTP {status}) has {path} = {found}, expected {expected}',
  'answer.sum-too-large': 'The connection status answer (HTTP {status}) has counts of {field} whose sum exceeds {limit}',
  'json.null': 'null',
  'json.array': 'an array',
  'json.object': 'an object',
  'json.string': '{text} (a string)',
  'json.boolean': '{value} (a boolean)',
  'json.as-sent': '{value}',
  'json.a-number': 'a number',
  'json.a-boolean': 'a boolean',
  'body.empty': 'the body is empty',
  'body.html': 'an HTML page titled {title}',
  'body.starts': 'it starts with {text}',
  'expected.object': 'an object',
  'expected.string': 'a string',
  'expected.count': 'a non-negative whole number',
  'expected.milliseconds': 'a non-negative number of milliseconds',
  'expected.boolean': 'true or false',
  'expected.time': 'a date and time like 2024-05-20T08:00Z',

  // The monitoring service (app/monitoring-service-impl.ts, app/disconnected-service.ts).
  'demo.start-failed': 'Could not start the demo simulator: {detail}',
  'demo.stopped': 'The demo was stopped',
  'account.not-monitored': 'No monitored account has the id {id}',
  'group.not-found': 'No such group in this account',
  'hint.group-gone': 'The group may have been renamed or removed: refresh the list.',

  // The poller's last resort.
  'poll.unexpected': 'The status request failed unexpectedly',
  'hint.bug-will-retry': 'This is a bug in Workspace Tray; it will retry.',
} as const satisfies Readonly<Record<string, string>>;

export type ErrorPhraseCode = keyof typeof ERROR_PHRASES;
export const ERROR_PHRASE_CODES = Object.keys(ERROR_PHRASES) as ErrorPhraseCode[];

/** The `{name}` placeholders of a phrase, as a union of names; "{ ... }" (how a JSON object is shown) is text: a name has no spaces. */
type PlaceholdersOf<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? (Name extends `${string} ${string}` ? never : Name) | PlaceholdersOf<Rest> : never;

export type ErrorPhraseParam = string | number | ErrorPhrase;

export type ErrorPhrase = {
  readonly [C in ErrorPhraseCode]: {
    readonly code: C;
    readonly params: { readonly [P in PlaceholdersOf<(typeof ERROR_PHRASES)[C]>]: ErrorPhraseParam };
  };
}[ErrorPhraseCode];

/** An error's message and hint as phrases; the hint's phrases are sentences said one after another. */
export interface ErrorWording {
  readonly message: ErrorPhrase;
  readonly hint?: readonly ErrorPhrase[];
}

