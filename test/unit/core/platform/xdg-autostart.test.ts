import { describe, expect, it } from 'vitest';
import { consistentWording, phrase } from '../../../../main/core/error-wording.js';
import { escapeString, quoteExecArgument, xdgAutostartEntry, xdgAutostartPath } from '../../../../main/core/platform/xdg-autostart.js';

function entryOf(input: Parameters<typeof xdgAutostartEntry>[0]): string {
  const result = xdgAutostartEntry(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The Exec value read back the way a desktop does: string unescaping, then argument splitting with quotes. */
function parseExec(value: string): string[] {
  let unescaped = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\' && i + 1 < value.length) {
      const next = value[++i]!;
      unescaped += { s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' }[next] ?? `\\${next}`;
    } else unescaped += char;
  }
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < unescaped.length; i++) {
    const char = unescaped[i]!;
    if (quoted) {
      if (char === '\\') current += unescaped[++i] ?? '';
      else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') {
      quoted = true;
      started = true;
    } else if (char === ' ') {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) args.push(current);
  return args.map((arg) => arg.replaceAll('%%', '%'));
}

describe('quoteExecArgument', () => {
  it('leaves plain arguments bare and quotes reserved characters', () => {
    expect(quoteExecArgument('/opt/Workspace/workspace-tray')).toBe('/opt/Workspace/workspace-tray');
    expect(quoteExecArgument('--hidden')).toBe('--hidden');
    expect(quoteExecArgument('/opt/Workspace Tray/app')).toBe('"/opt/Workspace Tray/app"');
    expect(quoteExecArgument('')).toBe('""');
    expect(quoteExecArgument("it's")).toBe(`"it's"`);
  });

  it('escapes the four characters that stay special inside quotes, and doubles %', () => {
    expect(quoteExecArgument('a"b')).toBe('"a\\"b"');
    expect(quoteExecArgument('$HOME')).toBe('"\\$HOME"');
    expect(quoteExecArgument('`x`')).toBe('"\\`x\\`"');
    expect(quoteExecArgument('C:\\dir')).toBe('"C:\\\\dir"');
    expect(quoteExecArgument('100%')).toBe('100%%');
  });
});

describe('escapeString', () => {
  it('escapes backslashes, control characters and a leading space', () => {
    expect(escapeString('a\\b')).toBe('a\\\\b');
    expect(escapeString('line\nnext\ttab')).toBe('line\\nnext\\ttab');
    expect(escapeString(' lead')).toBe('\\slead');
  });
});

describe('xdgAutostartEntry', () => {
  it('writes a complete entry that GNOME, KDE and XFCE start at login', () => {
    expect(entryOf({ execPath: '/opt/Workspace Tray/workspace-tray', args: ['--hidden'], name: 'Workspace Tray', comment: 'Huawei Cloud Workspace monitor', icon: 'workspace-tray' })).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.5',
        'Name=Workspace Tray',
        'Comment=Huawei Cloud Workspace monitor',
        'Exec="/opt/Workspace Tray/workspace-tray" --hidden',
        'Icon=workspace-tray',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('writes a literal backslash in a quoted argument as four', () => {
    const entry = entryOf({ execPath: '/opt/a b/app', args: ['x\\y'], name: 'W' });
    expect(entry).toContain('Exec="/opt/a b/app" "x\\\\\\\\y"\n');
  });

  it('round-trips awkward paths and arguments through the desktop parsing rules', () => {
    const tricky = ['/home/jörg/My Apps/$weird`name`/"quoted"/app', "it's", '100% sure', 'back\\slash', '', 'a;b|c&d', '~/tilde', '#hash', '(paren)', '*?<>'];
    const entry = entryOf({ execPath: tricky[0]!, args: tricky.slice(1), name: 'W' });
    const exec = entry.split('\n').find((line) => line.startsWith('Exec='))!.slice('Exec='.length);
    expect(parseExec(exec)).toEqual(tricky);
  });

  it('escapes the name and comment as strings', () => {
    expect(entryOf({ execPath: '/a', name: 'Tray\\Name', comment: 'two\nlines' })).toContain('Name=Tray\\\\Name\nComment=two\\nlines\n');
  });

  it('refuses a relative or empty path, control characters and an empty name, with an error a person can act on', () => {
    for (const input of [
      { execPath: 'workspace-tray', name: 'W' },
      { execPath: '', name: 'W' },
      { execPath: '/opt/app', args: ['a\nb'], name: 'W' },
      { execPath: '/opt/\u0007app', name: 'W' },
      { execPath: '/opt/app', name: '  ' },
    ]) {
      const result = xdgAutostartEntry(input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) {
        expect(result.error.kind).toBe('config');
        expect(result.error.hint).toMatch(/applications menu/);
        // Worded (the path or argument as a fact), so a window can say it in its language.
        expect(consistentWording(result.error)?.hint).toEqual([phrase('hint.launch-at-login')]);
      }
    }
    const relative = xdgAutostartEntry({ execPath: 'workspace-tray', name: 'W' });
    expect(relative.ok ? undefined : relative.error.message).toBe('The autostart entry needs an absolute program path, not "workspace-tray".');
    expect(relative.ok ? undefined : consistentWording(relative.error)?.message).toEqual(phrase('login.relative-path', { path: '"workspace-tray"' }));
    const control = xdgAutostartEntry({ execPath: '/opt/app', args: ['a\nb'], name: 'W' });
    expect(control.ok ? undefined : control.error.message).toBe('The program path or an argument of the autostart entry holds a control character: "a\\nb".');
    expect(control.ok ? undefined : consistentWording(control.error)?.message).toEqual(phrase('login.control-char', { value: '"a\\nb"' }));
    const unnamed = xdgAutostartEntry({ execPath: '/opt/app', name: '  ' });
    expect(unnamed.ok ? undefined : consistentWording(unnamed.error)?.message).toEqual(phrase('login.no-name'));
  });
});

describe('xdgAutostartPath', () => {
  it('uses XDG_CONFIG_HOME when absolute, ~/.config otherwise', () => {
    expect(xdgAutostartPath({ XDG_CONFIG_HOME: '/home/ann/.cfg' }, '/home/ann')).toBe('/home/ann/.cfg/autostart/workspace-tray.desktop');
    expect(xdgAutostartPath({ XDG_CONFIG_HOME: '/home/ann/.cfg/' }, '/home/ann')).toBe('/home/ann/.cfg/autostart/workspace-tray.desktop');
    expect(xdgAutostartPath({}, '/home/ann')).toBe('/home/ann/.config/autostart/workspace-tray.desktop');
    expect(xdgAutostartPath({ XDG_CONFIG_HOME: '' }, '/home/ann/')).toBe('/home/ann/.config/autostart/workspace-tray.desktop');
    expect(xdgAutostartPath({ XDG_CONFIG_HOME: 'relative/cfg' }, '/home/ann')).toBe('/home/ann/.config/autostart/workspace-tray.desktop');
    expect(xdgAutostartPath({}, '/root', 'other.desktop')).toBe('/root/.config/autostart/other.desktop');
  });
});
