import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createEventMetrics } from '../../../src/events/createEventMetrics.js';
import { applyMetricBatch, createMetricBuffer } from '../../../src/events/createMetricBuffer.js';

describe('a dispatcher thread’s metrics reach the process registry in batches', () => {
  it('counts locally, hands over plain data once, and the registry shows the sums', async () => {
    const buffer = createMetricBuffer();
    expect(buffer.take()).toBeNull();
    buffer.metrics.written('patient.created', 3);
    buffer.metrics.attempt('delivered', 7);
    buffer.metrics.attempt('delivered', 7);
    buffer.metrics.attempt('failed', 8);
    buffer.metrics.latency(0.2);
    buffer.metrics.disabled('gone');
    const batch = buffer.take()!;
    // what crosses postMessage must survive the structured clone unchanged
    expect(structuredClone(batch)).toEqual(batch);
    expect(buffer.take()).toBeNull();

    const registry = new Registry();
    applyMetricBatch(
      createEventMetrics(registry, async () => 0),
      batch,
    );
    const text = await registry.metrics();
    expect(text).toContain('chartgate_events_written_total{type="patient.created"} 3');
    expect(text).toContain('chartgate_webhook_attempts_total{outcome="delivered",endpoint="7"} 2');
    expect(text).toContain('chartgate_webhook_attempts_total{outcome="failed",endpoint="8"} 1');
    expect(text).toContain('chartgate_webhook_delivery_latency_seconds_count 1');
    expect(text).toContain('chartgate_webhook_endpoints_disabled_total{reason="gone"} 1');
  });
});
