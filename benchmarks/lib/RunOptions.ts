/** The runner's options after parsing (run.ts); scenarios read their durations from here. */
export interface RunOptions {
  /** scenario names to run; empty = all */
  scenarios: string[];
  /** seconds per measured load segment (each arm gets several, interleaved A B A B) */
  segmentS: number;
  /** interleaved rounds per comparison (A B counts as one round) */
  rounds: number;
  /** seconds of unmeasured warm-up per arm before its first segment */
  warmupS: number;
  /** seconds per isolation phase (alone, hostile+off, hostile+on) */
  phaseS: number;
  /** seconds per write mutation */
  writeS: number;
  /** closed-loop connections for throughput segments */
  connections: number;
  scale: 'demo' | 'small' | 'medium' | 'large';
  seed: number;
  quick: boolean;
  outDir: string;
  mysqlUrl: string;
  /** reseed even when the marker matches */
  reseed: boolean;
}

/** Durations for the two modes; --duration overrides the segment length of either. */
export function modeDefaults(quick: boolean): Pick<RunOptions, 'segmentS' | 'rounds' | 'warmupS' | 'phaseS' | 'writeS' | 'connections'> {
  return quick
    ? { segmentS: 1, rounds: 2, warmupS: 0.5, phaseS: 4, writeS: 3, connections: 8 }
    : { segmentS: 2.5, rounds: 6, warmupS: 1, phaseS: 15, writeS: 10, connections: 16 };
}
