import type { AttemptOutcome, EventMetrics } from './createEventMetrics.js';

/** What a dispatcher thread counted since its last report (plain data: it crosses to the main thread by postMessage). */
export interface MetricBatch {
  written: [type: string, n: number][];
  attempts: [outcome: AttemptOutcome, endpointId: number, n: number][];
  latencies: number[];
  disabled: ['gone' | 'failing', number][];
}

export interface MetricBuffer {
  /** counts into the buffer, never into a registry */
  readonly metrics: EventMetrics;
  /** what was counted since the last take (null: nothing) */
  take(): MetricBatch | null;
}

const bump = <K>(map: Map<K, number>, key: K, n: number) => map.set(key, (map.get(key) ?? 0) + n);

/** A dispatcher thread's metrics: counted locally and reported in batches, so the main thread's registry stays the one owner of the series. */
export function createMetricBuffer(): MetricBuffer {
  let written = new Map<string, number>();
  let attempts = new Map<string, [AttemptOutcome, number, number]>();
  let latencies: number[] = [];
  let disabled = new Map<'gone' | 'failing', number>();
  return {
    metrics: {
      written: (type, n) => bump(written, type, n),
      attempt(outcome, endpointId) {
        const key = `${outcome} ${endpointId}`;
        const row = attempts.get(key) ?? [outcome, endpointId, 0];
        row[2]++;
        attempts.set(key, row);
      },
      latency: (seconds) => latencies.push(seconds),
      disabled: (reason) => bump(disabled, reason, 1),
    },
    take() {
      if (written.size + attempts.size + latencies.length + disabled.size === 0) return null;
      const batch: MetricBatch = { written: [...written], attempts: [...attempts.values()], latencies, disabled: [...disabled] };
      written = new Map();
      attempts = new Map();
      latencies = [];
      disabled = new Map();
      return batch;
    },
  };
}

/** Replays a thread's batch into the real series. */
export function applyMetricBatch(metrics: EventMetrics, batch: MetricBatch): void {
  for (const [type, n] of batch.written) metrics.written(type, n);
  for (const [outcome, endpointId, n] of batch.attempts) metrics.attempt(outcome, endpointId, n);
  for (const seconds of batch.latencies) metrics.latency(seconds);
  for (const [reason, n] of batch.disabled) metrics.disabled(reason, n);
}
