/** A small seeded PRNG (mulberry32) so shuffles and jitter replay exactly for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fisher–Yates shuffle of a copy, driven by `random`. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = items.slice()
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}

/** `value` ± `jitter` (relative), e.g. jitter 0.2 gives 80%–120%. */
export function jittered(value: number, jitter: number, random: () => number): number {
  if (!jitter) return value
  return Math.max(0, value * (1 + (random() * 2 - 1) * jitter))
}
