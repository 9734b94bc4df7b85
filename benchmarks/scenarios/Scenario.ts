import type { BenchContext } from '../lib/BenchContext.js';
import type { ChartSpec, Figure } from '../lib/types.js';

/** What a scenario returns; the runner adds its name, timing, verdicts and any error. */
export interface ScenarioOutput {
  figures: Figure[];
  charts: ChartSpec[];
  raw?: unknown;
}

export interface Scenario {
  name: string;
  title: string;
  /** measures into `out` as it goes, so figures taken before an error are kept */
  run(ctx: BenchContext, out: PartialOutput): Promise<void>;
}

/** A half-finished scenario's figures survive its error: it pushes into this as it measures. */
export class PartialOutput implements ScenarioOutput {
  figures: Figure[] = [];
  charts: ChartSpec[] = [];
  raw: Record<string, unknown> = {};
}
