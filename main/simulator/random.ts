// Seeded randomness for the simulator. Everything it invents derives from (seed, what, when), never from
// Math.random or the clock, so a seed names one exact fleet history and tests can replay it.

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for made-up desktop counts. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hashes several integers into one 32-bit seed (murmur3-style mixing), so random access by (seed, group, poll) works. */
export function mixSeed(...values: readonly number[]): number {
  let hash = 0x9e3779b9;
  for (const value of values) {
    let k = Math.imul(value >>> 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    hash ^= k;
    hash = (hash << 13) | (hash >>> 19);
    hash = (Math.imul(hash, 5) + 0xe6546b64) >>> 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A seeded generator for one purpose: `randomFor(seed, PURPOSE, index)`. */
export function randomFor(...values: readonly number[]): () => number {
  return mulberry32(mixSeed(...values));
}

export function between(random: () => number, low: number, high: number): number {
  return low + (high - low) * random();
}

export function integerBetween(random: () => number, low: number, highInclusive: number): number {
  return Math.floor(between(random, low, highInclusive + 1));
}

export function pick<T>(random: () => number, items: readonly [T, ...T[]]): T {
  return items[Math.floor(random() * items.length)] ?? items[0];
}
