/**
 * Seeded choice of alternatives (wordings, personas). Each choice hashes the run's seed with a
 * stable key for the thing being chosen, so a pick never depends on the order in which things
 * happen: the same run always shows the same wording, whatever the trainee does.
 */

/** FNV-1a, 32-bit: a small, well-spread hash of a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One step of mulberry32: turns the hash into a uniform number in [0, 1). */
function mulberry32(seed: number): number {
  let t = (seed + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function pickVariant<T>(seed: string, key: string, options: readonly T[]): T {
  if (options.length === 0) throw new Error(`no alternatives for ${key}`);
  const index = Math.floor(mulberry32(hash(`${seed}\u0000${key}`)) * options.length);
  return options[index] as T;
}
