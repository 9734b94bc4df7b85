import type { Environment } from '../lib/describeEnvironment.js';
import type { ScenarioResult } from '../lib/types.js';

/** Everything one run produced; written as JSON and rendered as HTML. */
export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  command: string;
  mode: 'quick' | 'full';
  options: Record<string, unknown>;
  dataset: Record<string, unknown>;
  environment: Environment;
  scenarios: ScenarioResult[];
  /** targets met / judged, over every figure that has one */
  summary: { met: number; notMet: number; unmeasured: number; failedScenarios: string[] };
}

export function summarize(scenarios: readonly ScenarioResult[]): BenchReport['summary'] {
  let met = 0;
  let notMet = 0;
  let unmeasured = 0;
  for (const s of scenarios) {
    for (const f of s.figures) {
      if (!f.target) continue;
      if (f.met === true) met++;
      else if (f.met === false) notMet++;
      else unmeasured++;
    }
  }
  return { met, notMet, unmeasured, failedScenarios: scenarios.filter((s) => s.error).map((s) => s.name) };
}
