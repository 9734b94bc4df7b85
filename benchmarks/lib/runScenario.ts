import { judge } from '../report/judge.js';
import { PartialOutput, type Scenario } from '../scenarios/Scenario.js';
import type { BenchContext } from './BenchContext.js';
import type { ScenarioResult } from './types.js';

/**
 * Runs one scenario; an error is recorded in its result (with the figures taken so far), never
 * thrown. A scenario still running after `limitMs` is abandoned with an error so the run goes on.
 */
export async function runScenario(scenario: Scenario, ctx: BenchContext, limitMs: number): Promise<ScenarioResult> {
  const started = Date.now();
  const out = new PartialOutput();
  let error: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      scenario.run(ctx, out),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${scenario.name} did not finish within ${limitMs / 1000} s`)), limitMs);
      }),
    ]);
  } catch (e) {
    error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  } finally {
    clearTimeout(timer);
  }
  return {
    name: scenario.name,
    title: scenario.title,
    figures: judge(out.figures),
    charts: out.charts,
    raw: out.raw,
    ...(error ? { error } : {}),
    durationMs: Date.now() - started,
  };
}
