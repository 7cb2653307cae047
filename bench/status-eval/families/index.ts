/**
 * The generator families and the split, fixed before any engine change. The engine may be tuned
 * against the TUNED families only; the HELD_OUT ones are for reporting. Changing a family, or moving
 * one between lists, is never done in the same commit as an engine change.
 */
import type { Family } from '../model.ts';
import { declaredShapes } from './declared-shapes.ts';
import { hopeless } from './hopeless.ts';
import { lowerIsBetter } from './lower-is-better.ts';
import { midStall } from './mid-stall.ts';
import { noisyFine } from './noisy-fine.ts';
import { optimists } from './optimists.ts';
import { pessimists } from './pessimists.ts';
import { realisticMix } from './realistic-mix.ts';
import { sparseLate } from './sparse-late.ts';
import { steadyPace } from './steady-pace.ts';
import { undeclaredLaunch } from './undeclared-launch.ts';

export const TUNED: readonly Family[] = [steadyPace, undeclaredLaunch, optimists, hopeless, declaredShapes];
export const HELD_OUT: readonly Family[] = [
  pessimists,
  lowerIsBetter,
  noisyFine,
  sparseLate,
  midStall,
  realisticMix,
];

/** Seeds 1..count, offset per family so no two families share a random stream. */
export function seedsFor(family: Family, count: number): number[] {
  let hash = 2_166_136_261;
  for (const ch of family.name) hash = Math.imul(hash ^ ch.charCodeAt(0), 16_777_619) >>> 0;
  return Array.from({ length: count }, (_, i) => (hash + i + 1) >>> 0);
}
