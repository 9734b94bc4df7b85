import type { Progress } from './createProgress.js';
import { combineSegments } from './stats.js';
import type { LoadStats } from './types.js';

/** One side of a comparison: how to run one measured segment of it. */
export interface Arm {
  name: string;
  run(durationS: number): Promise<LoadStats>;
}

export interface InterleavedResult {
  /** per arm: its segments combined */
  combined: Record<string, LoadStats>;
  /** per arm: every segment, in order */
  segments: Record<string, LoadStats[]>;
}

/**
 * Runs arms A B A B ... (rounds times), after a short warm-up of each, so drift of the machine
 * (thermal, caches, other tenants) falls on every arm alike. The order flips each round
 * (A B, B A, A B...) so neither arm always runs right after the other.
 */
export async function interleave(
  arms: readonly Arm[],
  opts: { rounds: number; segmentS: number; warmupS: number; progress: Progress; label: string },
): Promise<InterleavedResult> {
  for (const arm of arms) {
    if (opts.warmupS > 0) {
      opts.progress.step(`${opts.label}: warm-up ${arm.name}`);
      await arm.run(opts.warmupS);
    }
  }
  const segments: Record<string, LoadStats[]> = Object.fromEntries(arms.map((a) => [a.name, []]));
  for (let round = 0; round < opts.rounds; round++) {
    const order = round % 2 === 0 ? arms : [...arms].reverse();
    for (const arm of order) {
      opts.progress.step(`${opts.label}: ${arm.name} (round ${round + 1}/${opts.rounds})`);
      segments[arm.name].push(await arm.run(opts.segmentS));
    }
  }
  const combined = Object.fromEntries(arms.map((a) => [a.name, combineSegments(segments[a.name])]));
  return { combined, segments };
}
