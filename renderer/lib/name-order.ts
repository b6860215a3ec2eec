// Group names ranked in the language's collation, once: the table breaks ties on a count by name, and comparing
// names with Intl.Collator costs about a microsecond each (ICU), too slow for the n log n comparisons of a sort.

/**
 * Names in a collator's order (the table's: `{ numeric: true, sensitivity: 'base' }`), remembered. Names rarely
 * change, so the ranking is made once and reused while it covers every name asked for; a new name orders them all
 * again.
 */
export class NameOrder {
  readonly #collator: Intl.Collator;
  #ranks = new Map<string, number>();

  constructor(collator: Intl.Collator) {
    this.#collator = collator;
  }

  /**
   * The rank of each of `names` (equal names, as the collator sees them, share a rank). The same map is returned
   * until a name it lacks is asked for: a new map means every rank may have moved.
   */
  ranks(names: readonly string[]): ReadonlyMap<string, number> {
    if (names.every((name) => this.#ranks.has(name))) return this.#ranks;
    const collator = this.#collator.compare;
    // Code-unit order first (native, cheap). Names are mostly in the collator's order already that way, which one
    // comparison per pair of neighbours proves, and those same comparisons give the ties: 5,000 names cost ~5,000
    // comparisons. Otherwise a stable sort with the collator (TimSort on an almost sorted list) and the neighbours
    // compared again. The ranks are the collator's either way.
    const unique = [...new Set([...this.#ranks.keys(), ...names])].sort();
    const ties = neighbourTies(unique, collator) ?? neighbourTies(unique.sort(collator), collator);
    if (ties === null) throw new Error('the collator does not order names consistently');
    const ranks = new Map<string, number>();
    let rank = 0;
    unique.forEach((name, index) => {
      if (ties[index] !== 1) rank = index;
      ranks.set(name, rank);
    });
    this.#ranks = ranks;
    return ranks;
  }
}

/** For a list in order, 1 where a name equals the one before it; null when two neighbours are out of order. */
function neighbourTies(sorted: readonly string[], compare: (a: string, b: string) => number): Uint8Array | null {
  const ties = new Uint8Array(sorted.length);
  for (let index = 1; index < sorted.length; index++) {
    const order = compare(sorted[index - 1] as string, sorted[index] as string);
    if (order > 0) return null;
    if (order === 0) ties[index] = 1;
  }
  return ties;
}
