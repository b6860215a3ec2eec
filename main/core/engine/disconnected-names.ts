// Notifications that name names: "Finance: 12 disconnected: alice, bob, chen and 9 more". Pure text functions the
// notification presentation (main/core/tray) and `watch` call; the setting `notifications.showUserNames` decides
// whether names may appear (off: names stay in the app, a notification says only how many).
import type { Language } from '../ui-words.js';
import { type GroupUsers, type SpikeNotification, usersText, withNotes } from './notification.js';

/** How many users a line names before summing up the rest. */
export const NAMED_USERS = 3;

/** Who a line names: at most NAMED_USERS distinct users, and how many more the group has. */
export function groupUsers(groupName: string, disconnected: number, users: readonly string[], showUserNames: boolean): GroupUsers {
  const unique = [...new Set(users.filter((user) => user.trim() !== ''))];
  const named = showUserNames ? unique.slice(0, NAMED_USERS) : [];
  // The list may be shorter than the count when it was cut short, or longer when desktops have several users.
  const more = named.length === 0 ? 0 : Math.max(disconnected, unique.length) - named.length;
  return { group: groupName, disconnected, named, more };
}

/**
 * "Finance: 12 disconnected: alice, bob, chen and 9 more". `disconnected` is the group's count (the list may be
 * shorter when it was cut short, or longer when desktops have several users: the larger wins for "more").
 * With `showUserNames` off, or no user known: "Finance: 12 disconnected".
 */
export function disconnectedUsersLine(groupName: string, disconnected: number, users: readonly string[], showUserNames: boolean, language: Language = 'en'): string {
  return usersText(groupUsers(groupName, disconnected, users, showUserNames), language);
}

/**
 * The spike notification with one sentence per spiking group naming its users (worst group first, at most
 * NAMED_USERS groups). Unchanged for a recovery, without names to add, or with `showUserNames` off.
 * `usersByGroup` is keyed by the name the notification's groups carry.
 */
export function withUserNames(notification: SpikeNotification, usersByGroup: ReadonlyMap<string, readonly string[]>, showUserNames: boolean): SpikeNotification {
  if (notification.kind !== 'spike' || !showUserNames) return notification;
  const users = notification.groups
    .slice(0, NAMED_USERS)
    .flatMap((group) => {
      const known = usersByGroup.get(group.name);
      return known === undefined || known.length === 0 ? [] : [groupUsers(group.name, group.after, known, true)];
    });
  if (users.length === 0) return notification;
  return withNotes(notification, { users });
}
