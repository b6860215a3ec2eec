import { describe, expect, it } from 'vitest';
import { configDir } from '../../../main/node/config-dir.js';

describe('configDir', () => {
  it('prefers WORKSPACE_TRAY_CONFIG_DIR on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(configDir({ WORKSPACE_TRAY_CONFIG_DIR: '/srv/tray', XDG_CONFIG_HOME: '/x', APPDATA: 'C:\\A' }, platform, '/home/u')).toBe('/srv/tray');
    }
  });

  it('ignores an empty WORKSPACE_TRAY_CONFIG_DIR', () => {
    expect(configDir({ WORKSPACE_TRAY_CONFIG_DIR: '' }, 'linux', '/home/u')).toBe('/home/u/.config/Workspace Tray');
  });

  it('follows Electron userData on Linux: XDG_CONFIG_HOME, else ~/.config', () => {
    expect(configDir({}, 'linux', '/home/u')).toBe('/home/u/.config/Workspace Tray');
    expect(configDir({ XDG_CONFIG_HOME: '/home/u/cfg' }, 'linux', '/home/u')).toBe('/home/u/cfg/Workspace Tray');
    expect(configDir({ XDG_CONFIG_HOME: '' }, 'linux', '/home/u')).toBe('/home/u/.config/Workspace Tray');
    expect(configDir({}, 'freebsd', '/home/u')).toBe('/home/u/.config/Workspace Tray');
  });

  it('follows Electron userData on macOS', () => {
    expect(configDir({ XDG_CONFIG_HOME: '/ignored' }, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Workspace Tray');
  });

  it('follows Electron userData on Windows: %APPDATA%, else the roaming AppData folder', () => {
    expect(configDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\Workspace Tray');
    expect(configDir({}, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\Workspace Tray');
  });
});
