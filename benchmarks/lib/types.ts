/** Shapes shared by the runner, the scenarios and the reports. */

/** How a figure is judged: `value op target` (e.g. floor ratio >= 0.5). */
export interface Target {
  op: '>=' | '<=' | '<' | '==';
  value: number;
}

/** One measured number, printed in the table and stored in the JSON. */
export interface Figure {
  /** stable id, e.g. 'floor.lookup.rpsRatio' */
  key: string;
  label: string;
  /** null when it could not be measured (the note says why) */
  value: number | null;
  unit: string;
  target?: Target;
  /** set by the runner from value and target; null when there is no target or no value */
  met?: boolean | null;
  note?: string;
}

/** One grouped bar chart: a bar per series inside each category. */
export interface ChartSpec {
  title: string;
  unit: string;
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
}

export interface ScenarioResult {
  name: string;
  title: string;
  figures: Figure[];
  charts: ChartSpec[];
  /** raw per-segment measurements, kept in the JSON for anyone re-analysing */
  raw?: unknown;
  /** set when the scenario threw; the run continues with the next one */
  error?: string;
  durationMs: number;
}

/** What a load segment measured (autocannon or the open-loop prober). */
export interface LoadStats {
  requests: number;
  durationS: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** transport errors and timeouts */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** responses whose body carried GraphQL `errors` (any status) */
  gqlErrors: number;
  /** responses that failed: non-2xx or with GraphQL `errors` (each counted once) */
  failed: number;
  statusCodes: Record<string, number>;
  /** a few error codes seen in bodies (extensions.code), with counts */
  errorCodes: Record<string, number>;
}
