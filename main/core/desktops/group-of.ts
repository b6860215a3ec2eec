// Which desktop group a desktop belongs to. The connect-desktops answer carries no group, so a desktop is
// attributed by its name, as pool desktops are named from their group's prefix (`Finance-Shanghai-017`): the
// group whose name equals the desktop's name without its trailing number, else the longest group name the desktop
// name starts with (followed by `-` or `_`). A desktop that matches none is in no known group (null).
// This is a heuristic: deployments that name desktops otherwise will see "(no group)" and the lists still work.

export function groupIndex(groupNames: readonly string[]): (desktopName: string | null) => string | null {
  const exact = new Set(groupNames);
  const byLength = [...exact].sort((a, b) => b.length - a.length);
  return (desktopName) => {
    if (desktopName === null) return null;
    const stem = desktopName.replace(/[-_]?\d+$/, '');
    if (exact.has(stem)) return stem;
    return byLength.find((name) => desktopName.length > name.length && desktopName.startsWith(name) && /[-_]/.test(desktopName[name.length] ?? '')) ?? null;
  };
}

/** The users of each group's desktops, keyed by group name: what a spike notification names. */
export function usersByGroup(
  desktops: readonly { readonly desktopName: string | null; readonly users: readonly string[] | null }[],
  groupNames: readonly string[],
): Map<string, string[]> {
  const groupOf = groupIndex(groupNames);
  const users = new Map<string, Set<string>>();
  for (const desktop of desktops) {
    const group = groupOf(desktop.desktopName);
    if (group === null) continue;
    let set = users.get(group);
    if (set === undefined) users.set(group, (set = new Set()));
    for (const user of desktop.users ?? []) set.add(user);
  }
  return new Map([...users].map(([group, set]) => [group, [...set]]));
}
