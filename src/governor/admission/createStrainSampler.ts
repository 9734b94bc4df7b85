/** One reading of the database's health. */
export interface DbLoadSample {
  /** SHOW GLOBAL STATUS Threads_running; null where the dialect has none */
  threadsRunning: number | null;
  /** seconds the replica is behind; null without a replica */
  replicaLagS: number | null;
  /** round trip of a tiny query on the control connection, ms */
  canaryMs: number;
}

export interface StrainReading extends Partial<DbLoadSample> {
  /** 0 = healthy .. 1 = saturated */
  level: number;
  /** the sample could not be taken (counted as strain, never as health) */
  failed: boolean;
  /** ms since the epoch */
  at: number;
}

export interface StrainThresholds {
  /** Threads_running where strain begins / is full; default 4 / 16 */
  threadsLow: number;
  threadsHigh: number;
  /** canary round trip, ms; default 10 / 100 */
  canaryLowMs: number;
  canaryHighMs: number;
  /** replica lag, s; default 2 / 30 */
  lagLowS: number;
  lagHighS: number;
}

export interface StrainSampler {
  /** the latest reading (healthy until the first sample) */
  current(): StrainReading;
  /** takes one sample now (the timer's tick; tests call it) */
  sample(): Promise<StrainReading>;
  start(): void;
  stop(): Promise<void>;
}

const defaultStrainThresholds: Readonly<StrainThresholds> = Object.freeze({
  threadsLow: 4,
  threadsHigh: 16,
  canaryLowMs: 10,
  canaryHighMs: 100,
  lagLowS: 2,
  lagHighS: 30,
});

const ramp = (x: number | null | undefined, low: number, high: number) => (x == null ? 0 : Math.max(0, Math.min(1, (x - low) / (high - low))));

/**
 * Reads the database every `intervalMs`: Threads_running, replica lag and a canary's round trip,
 * each turned into 0..1 between its thresholds; the strain is the worst of them. A failed read
 * counts as full strain. Strain falls at most by half per sample, so one good reading does not
 * release everything at once.
 */
export function createStrainSampler(deps: {
  probe: () => Promise<DbLoadSample>;
  thresholds?: Partial<StrainThresholds>;
  intervalMs: number;
  clock?: () => number;
  onError?: (error: unknown) => void;
}): StrainSampler {
  const t = { ...defaultStrainThresholds, ...deps.thresholds };
  const clock = deps.clock ?? Date.now;
  let reading: StrainReading = { level: 0, failed: false, at: clock() };
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<StrainReading> | null = null;

  const take = async (): Promise<StrainReading> => {
    let raw: number;
    let next: StrainReading;
    try {
      const s = await deps.probe();
      raw = Math.max(
        ramp(s.threadsRunning, t.threadsLow, t.threadsHigh),
        ramp(s.canaryMs, t.canaryLowMs, t.canaryHighMs),
        ramp(s.replicaLagS, t.lagLowS, t.lagHighS),
      );
      next = { ...s, level: 0, failed: false, at: clock() };
    } catch (error) {
      deps.onError?.(error);
      raw = 1;
      next = { level: 1, failed: true, at: clock() };
    }
    const decayed = reading.level / 2;
    next.level = Math.max(raw, decayed < 0.01 ? 0 : decayed);
    reading = next;
    return reading;
  };

  return {
    current: () => reading,
    sample() {
      running ??= take().finally(() => {
        running = null;
      });
      return running;
    },
    start() {
      if (deps.intervalMs <= 0) return;
      timer = setInterval(() => void this.sample(), deps.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
