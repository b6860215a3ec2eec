// Group identity, decided once when an answer is parsed: every group of a snapshot gets a key that is unique
// within it and stable across polls, so spike detection, history, the CLI and the renderer all name a group the
// same way (a drill-down from a spike to its chart must find the same series).
//
// The rule:
// - a name that occurs once is its own key (history written before keys existed, keyed by name, stays readable);
// - the k-th group (k ≥ 2) of a name that occurs several times is `name (#k)`; the first keeps the bare name;
// - the k-th group without a name is `(unnamed group #k)`, counted among unnamed groups only, so a named group
//   appearing or vanishing elsewhere in the list does not move it;
// - FLEET_KEY is never a group's key, nor is anything starting with NUL (history's internal series names): such a
//   name is treated like a repeated one;
// - a generated key that a real name already holds (a group literally named `a (#2)`) takes the next free number.
// Keys are stable as long as the API keeps its order, which it does; a repeated or missing name is the only case
// that depends on order, and no better identity exists in the answer.

/** The fleet (all groups of an account) as a history series, beside the group keys. Same as preload/contract.ts. */
export const FLEET_KEY = '(fleet)';

const reserved = (name: string): boolean => name === FLEET_KEY || name.charCodeAt(0) === 0;

/** The key of each group, in order. */
export function groupKeys(names: readonly (string | null)[]): string[] {
  // The usual answer (every group named, each name once, none reserved) needs one set and keeps every name as its
  // key; this runs on every poll over every group.
  const distinct = new Set<string>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string | null;
    if (name === null || reserved(name)) return generalKeys(names);
    distinct.add(name);
    if (distinct.size !== i + 1) return generalKeys(names);
  }
  return names.slice() as string[];
}

function generalKeys(names: readonly (string | null)[]): string[] {
  const occurrences = new Map<string, number>();
  for (const name of names) if (name !== null) occurrences.set(name, (occurrences.get(name) ?? 0) + 1);
  // Names that occur once are keys by right: taken before any generated key, so generation never steals one.
  const used = new Set<string>();
  for (const [name, count] of occurrences) if (count === 1 && !reserved(name)) used.add(name);

  const seen = new Map<string, number>();
  let unnamed = 0;
  return names.map((name) => {
    if (name === null) return freeKey('(unnamed group #', ++unnamed, used);
    if (occurrences.get(name) === 1 && !reserved(name)) return name;
    const nth = (seen.get(name) ?? 0) + 1;
    seen.set(name, nth);
    if (nth === 1 && !reserved(name) && !used.has(name)) {
      used.add(name);
      return name;
    }
    return freeKey(`${name.replace(/^\u0000+/, '')} (#`, nth, used);
  });
}

function freeKey(prefix: string, from: number, used: Set<string>): string {
  let n = from;
  while (used.has(`${prefix}${n})`)) n++;
  const key = `${prefix}${n})`;
  used.add(key);
  return key;
}

/**
 * Whether `key` is a key of a group named `name`: the name itself, or `name (#k)` for the k-th group sharing it.
 * (A group literally named `name (#2)` answers too: the answer cannot tell them apart, and showing it is safer.)
 */
export function isKeyOfName(key: string, name: string): boolean {
  return key === name || (key.startsWith(`${name} (#`) && /^ \(#\d+\)$/.test(key.slice(name.length)));
}
