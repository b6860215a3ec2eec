// Applies a TrayView (core/tray/tray-view.ts) to Electron's Tray. Every decision is the view's; this file only
// avoids needless work: the image is rebuilt and replaced only when `iconId` changes (a replaced tray image
// flickers, and on some Linux hosts re-registers the icon), tooltip, title and menu only when their values do.
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage, type Rectangle } from 'electron';
import { renderTrayIcon, type TrayIconSpec } from '../core/tray/badge.js';
import type { TrayAction, TrayMenuItem, TrayView } from '../core/tray/tray-view.js';
import { encodePng } from '../node/png.js';

/** One native image with a PNG representation per scale factor, each drawn at its exact pixel size. */
export function trayImage(specs: readonly TrayIconSpec[]): NativeImage {
  const image = nativeImage.createEmpty();
  for (const spec of specs) {
    const png = encodePng(renderTrayIcon(spec));
    image.addRepresentation({ scaleFactor: spec.scale, buffer: png });
  }
  if (specs.some((spec) => spec.template)) image.setTemplateImage(true);
  return image;
}

export function menuTemplate(items: readonly TrayMenuItem[], onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'action':
        return { id: item.id, label: item.label, enabled: item.enabled, click: () => onAction(item.action) };
      case 'info':
        return { id: item.id, label: item.label, enabled: false };
      case 'checkbox':
        return { id: item.id, label: item.label, type: 'checkbox', checked: item.checked, click: () => onAction(item.action) };
      case 'submenu':
        return { id: item.id, label: item.label, submenu: menuTemplate(item.items, onAction) };
      case 'separator':
        return { id: item.id, type: 'separator' };
    }
  });
}

export class TrayPresenter {
  private tray: Tray | null = null;
  private iconId: string | null = null;
  private tooltip: string | null = null;
  private title: string | null = null;
  private menuKey: string | null = null;

  constructor(
    private readonly onAction: (action: TrayAction) => void,
    /** A click on the icon (Windows, macOS; AppIndicator hosts never send one). */
    private readonly onClick: () => void,
  ) {}

  apply(view: TrayView): void {
    let tray = this.tray;
    if (tray === null || tray.isDestroyed()) {
      tray = new Tray(trayImage(view.images));
      tray.on('click', () => this.onClick());
      this.tray = tray;
      this.iconId = view.iconId;
      this.tooltip = this.title = this.menuKey = null;
    } else if (view.iconId !== this.iconId) {
      tray.setImage(trayImage(view.images));
      this.iconId = view.iconId;
    }
    if (view.tooltip !== this.tooltip) {
      tray.setToolTip(view.tooltip);
      this.tooltip = view.tooltip;
    }
    if (view.title !== this.title) {
      // Only macOS shows a title; elsewhere the call is harmless, and the view gives '' there.
      tray.setTitle(view.title);
      this.title = view.title;
    }
    const menuKey = JSON.stringify(view.menu);
    if (menuKey !== this.menuKey) {
      tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(view.menu, this.onAction)));
      this.menuKey = menuKey;
    }
  }

  /** Where the icon is, for placing the popup; null where the platform does not say (Linux). */
  bounds(): Rectangle | null {
    if (this.tray === null || this.tray.isDestroyed()) return null;
    const bounds = this.tray.getBounds();
    return bounds.width === 0 && bounds.height === 0 ? null : bounds;
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }
}
