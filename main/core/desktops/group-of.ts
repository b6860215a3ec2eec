// Which desktop group a desktop belongs to. Neither the connect-desktops answer nor the status answer carries a
// group id (`static_name` is a bare name), so a desktop is attributed by its name: the group whose name equals the
// desktop's name without its trailing number, else the longest group name the desktop name starts with (followed
// by `-` or `_`). A desktop that matches no group, or matches two groups equally well, is in no known group (null):
// it is shown as "not matched to a group", never guessed into one.
//
// How far this carries on real Huawei Cloud Workspace: a desktop (computer) name is 1-15 characters of letters,
// digits and `-` (console rule; Windows computer names, case-insensitive), generated from a desktop name policy
// (`name_prefix` + `digit_number` digits, the prefix possibly holding `$DomainUser$`), while a group's name may be
// up to 64 characters, Chinese included. So names match only where the admin made the policy prefix the group's
// name and that name is short and plain (`HR`, `Sales-BJ`, `CC-Night`); a long or Chinese group name, a
// user-named desktop or an unrelated prefix is not matched. Hence: compared case-insensitively (`SALES-BJ-07` is
// in `Sales-BJ`), and ambiguity is refused rather than resolved by list order. Exact membership would need the
// desktop-pool API (`GET /v2/{project_id}/desktop-pools/{pool_id}/desktops`), which this app does not call yet.

const fold = (name: string): string => name.toLowerCase();

export function groupIndex(groupNames: readonly string[]): (desktopName: string | null) => string | null {
  // Folded name → the group names that fold to it: more than one (`Sales`, `SALES`) cannot be told apart.
  const byFolded = new Map<string, string[]>();
  for (const name of new Set(groupNames)) {
    if (name.trim() === '') continue;
    const folded = fold(name);
    const same = byFolded.get(folded);
    if (same === undefined) byFolded.set(folded, [name]);
    else same.push(name);
  }
  const unique = (folded: string): string | null => {
    const names = byFolded.get(folded);
    return names !== undefined && names.length === 1 ? (names[0] ?? null) : null;
  };
  const byLength = [...byFolded.keys()].sort((a, b) => b.length - a.length);
  return (desktopName) => {
    if (desktopName === null) return null;
    const name = fold(desktopName.trim());
    const stem = name.replace(/[-_]?\d+$/, '');
    if (byFolded.has(stem)) return unique(stem);
    const prefix = byLength.find((group) => name.length > group.length + 1 && name.startsWith(group) && /[-_]/.test(name[group.length] ?? ''));
    return prefix === undefined ? null : unique(prefix);
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
