// Notifications that name names: "Finance: 12 disconnected: alice, bob, chen and 9 more". Pure text functions the
// notification presentation (main/core/tray) and `watch` call; the setting `notifications.showUserNames` decides
// whether names may appear (off: names stay in the app, a notification says only how many).
import type { SpikeNotification } from './notification.js';

/** How many users a line names before summing up the rest. */
export const NAMED_USERS = 3;

/**
 * "Finance: 12 disconnected: alice, bob, chen and 9 more". `disconnected` is the group's count (the list may be
 * shorter when it was cut short, or longer when desktops have several users: the larger wins for "more").
 * With `showUserNames` off, or no user known: "Finance: 12 disconnected".
 */
export function disconnectedUsersLine(groupName: string, disconnected: number, users: readonly string[], showUserNames: boolean): string {
  const head = `${groupName}: ${disconnected} disconnected`;
  const unique = [...new Set(users.filter((user) => user.trim() !== ''))];
  if (!showUserNames || unique.length === 0) return head;
  const named = unique.slice(0, NAMED_USERS);
  const rest = Math.max(disconnected, unique.length) - named.length;
  return `${head}: ${named.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

/**
 * The spike notification with one sentence per spiking group naming its users (worst group first, at most
 * NAMED_USERS groups). Unchanged for a recovery, without names to add, or with `showUserNames` off.
 * `usersByGroup` is keyed by the name the notification's groups carry.
 */
export function withUserNames(notification: SpikeNotification, usersByGroup: ReadonlyMap<string, readonly string[]>, showUserNames: boolean): SpikeNotification {
  if (notification.kind !== 'spike' || !showUserNames) return notification;
  const lines = notification.groups
    .slice(0, NAMED_USERS)
    .flatMap((group) => {
      const users = usersByGroup.get(group.name);
      return users === undefined || users.length === 0 ? [] : [disconnectedUsersLine(group.name, group.after, users, true)];
    });
  if (lines.length === 0) return notification;
  return { ...notification, body: `${notification.body} ${lines.map((line) => `${line}.`).join(' ')}` };
}
