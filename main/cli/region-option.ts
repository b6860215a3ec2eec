// --region for `status`, `watch` and `accounts add`: the one place a typed region name is understood.
import { workspaceError, type WorkspaceResult } from '../core/errors.js';
import { err, ok } from '../core/result.js';
import { REGIONS, type Region } from '../core/settings/schema.js';

/** A region given in any case (`CN-North-4` is cn-north-4); a typo is answered with the closest region. */
export function regionOption(raw: string | undefined): WorkspaceResult<Region | undefined> {
  if (raw === undefined) return ok(undefined);
  const wanted = raw.trim().toLowerCase();
  const region = REGIONS.find((known) => known === wanted);
  if (region !== undefined) return ok(region);
  const closest = closestRegions(wanted);
  const suggestion = closest.length === 0 ? '' : `Did you mean ${closest.join(' or ')}? `;
  return err(
    workspaceError('usage', `Unknown region '${raw}'`, {
      hint: `${suggestion}Regions: ${REGIONS.join(', ')}; for another, give --endpoint URL.`,
    }),
  );
}

/** The regions within two edits of the typed name (a dropped, doubled or swapped letter) that are closest. */
function closestRegions(typed: string): Region[] {
  const distances = REGIONS.map((region) => ({ region, distance: editDistance(typed, region) })).filter(({ distance }) => distance <= 2);
  const best = Math.min(...distances.map(({ distance }) => distance));
  return distances
    .filter(({ distance }) => distance === best)
    .map(({ region }) => region)
    .sort();
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_unused, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
