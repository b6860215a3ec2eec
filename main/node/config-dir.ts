import { posix, win32 } from 'node:path';

/** The product name Electron derives `userData` from (package.json `productName`). */
export const PRODUCT_NAME = 'Workspace Tray';

/** The settings file's name in the config folder: electron-store's default (`name: 'config'`, extension json). */
export const SETTINGS_FILE_NAME = 'config.json';

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The folder holding the settings file, shared by the app and the CLI: `WORKSPACE_TRAY_CONFIG_DIR` when set,
 * else the folder Electron's `app.getPath('userData')` gives for PRODUCT_NAME. Pure (the caller passes
 * `process.env`, `process.platform` and `os.homedir()`) so every platform can be tested anywhere. A relative
 * `WORKSPACE_TRAY_CONFIG_DIR` is returned as is; the stores resolve it against the working directory.
 */
export function configDir(env: Environment, platform: NodeJS.Platform, homedir: string): string {
  const override = env['WORKSPACE_TRAY_CONFIG_DIR'];
  if (override !== undefined && override !== '') return override;
  switch (platform) {
    case 'win32':
      // Electron asks Windows for the roaming AppData folder; %APPDATA% names it, and this is its default place.
      return win32.join(nonEmpty(env['APPDATA']) ?? win32.join(homedir, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return posix.join(homedir, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      // Linux and the other Unixes: Chromium's GetXDGDirectory takes any non-empty XDG_CONFIG_HOME as it is.
      return posix.join(nonEmpty(env['XDG_CONFIG_HOME']) ?? posix.join(homedir, '.config'), PRODUCT_NAME);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
