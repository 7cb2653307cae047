// One seeded random source (mulberry32) for everything that must replay: the demo's scenario, the
// status evaluation's quarters, the stand-in's random faults and the large-plan fixtures.

/** mulberry32: a tiny, well-mixed 32-bit generator; the same seed always gives the same sequence in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Rng {
  /** 0 <= x < 1 */
  next(): number;
  uniform(min: number, max: number): number;
  normal(mean?: number, sd?: number): number;
  chance(p: number): boolean;
  /** An integer from min to max, both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function rng(seed: number): Rng {
  const next = seededRandom(seed);
  const uniform = (min: number, max: number) => min + (max - min) * next();
  return {
    next,
    uniform,
    normal: (mean = 0, sd = 1) => {
      // Box–Muller; 1 − u keeps the logarithm away from zero.
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => next() < p,
    int: (min, max) => Math.floor(uniform(min, max + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}
