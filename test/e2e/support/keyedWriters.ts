import type { Db } from '../../../src/db/createDb.js';
import { payInput, payQuery, post, type FaultFixture } from './faultFixture.js';

/** The fault tests' load: 20 writers paying 10 times each; a key still not acknowledged after 200 tries counts as stuck. */
export const FAULT_LOAD = Object.freeze({ writers: 20, each: 10, maxTries: 200 });

/** What a fault does to the writers: where they send, and what they wait for when it bites. */
export interface WriterHooks {
  /** the server's /graphql URL now (a restarted process has a new one) */
  url(): string;
  /** after each acknowledgement, with the count so far: the fault's trigger */
  onAcknowledged?(count: number): Promise<void> | void;
  /** after an answer that is not an acknowledgement (the writer retries the same key afterwards) */
  onRefused?(writer: number): Promise<void> | void;
  /** after a request lost its connection (the writer retries the same key afterwards) */
  onTransportError?(): Promise<void> | void;
}

export interface WritersResult {
  writes: number;
  /** key → the payment id its acknowledgement named */
  acknowledged: Map<string, string>;
  /** answers by "status code" */
  statuses: Map<string, number>;
  /** keys still not acknowledged after the last try */
  stuck: string[];
  fiveHundreds: number;
  transportErrors: number;
  answers: number;
}

/**
 * `writers` writers, each paying `each` times under its own Idempotency-Key (`w<writer>-<n>`) and
 * retrying every failure with the same key, up to `maxTries` times. 503 and 504 are the outage's
 * honest answers; any other 5xx, or INTERNAL_SERVER_ERROR, counts as a 500.
 */
export async function runKeyedWriters(f: FaultFixture, hooks: WriterHooks, opts: { writers: number; each: number; maxTries: number }): Promise<WritersResult> {
  const r: WritersResult = {
    writes: opts.writers * opts.each,
    acknowledged: new Map(),
    statuses: new Map(),
    stuck: [],
    fiveHundreds: 0,
    transportErrors: 0,
    answers: 0,
  };
  const writer = async (w: number) => {
    for (let i = 0; i < opts.each; i++) {
      const key = `w${w}-${i}`;
      for (let tries = 0; tries < opts.maxTries && !r.acknowledged.has(key); tries++) {
        let answer;
        try {
          answer = await post(hooks.url(), f.key, payQuery(), { input: payInput(f, key) }, { 'idempotency-key': key });
        } catch {
          r.transportErrors++;
          await hooks.onTransportError?.();
          continue;
        }
        r.answers++;
        const code = String(answer.body.errors?.[0]?.extensions?.code ?? '');
        const status = `${answer.status} ${code}`.trim();
        r.statuses.set(status, (r.statuses.get(status) ?? 0) + 1);
        if ((answer.status >= 500 && answer.status !== 503 && answer.status !== 504) || code === 'INTERNAL_SERVER_ERROR') r.fiveHundreds++;
        if (answer.status === 200 && !answer.body.errors) {
          r.acknowledged.set(key, answer.body.data.recordPayment.payment.id);
          await hooks.onAcknowledged?.(r.acknowledged.size);
        } else await hooks.onRefused?.(w);
      }
      if (!r.acknowledged.has(key)) r.stuck.push(key);
    }
  };
  await Promise.all(Array.from({ length: opts.writers }, (_, w) => writer(w)));
  return r;
}

/** What the database holds after the writers: acknowledged payments missing, keys paid twice, leases left behind. */
export async function tallyPayments(db: Db, acknowledged: Map<string, string>) {
  const rows = await db.interactive.selectFrom('payment').select(['PayNum', 'PayNote']).where('PayNote', 'like', 'w%').execute();
  const byNote = new Map<string, number[]>();
  for (const row of rows) byNote.set(row.PayNote, [...(byNote.get(row.PayNote) ?? []), Number(row.PayNum)]);
  const lost = [...acknowledged].filter(([key, id]) => !(byNote.get(key) ?? []).includes(Number(id))).length;
  const duplicates = [...byNote.values()].reduce((n, ids) => n + ids.length - 1, 0);
  const leased = await db.interactive.selectFrom('gw_idempotency').select('idem_key').where('lease_token', 'is not', null).execute();
  return { payments: rows.length, lost, duplicates, leased: leased.length };
}

/** The figures every fault test reports and asserts, from the writers and the database's tally. */
export const loadFigures = (w: WritersResult, tally: Awaited<ReturnType<typeof tallyPayments>>) => ({
  writes: w.writes,
  acknowledged: w.acknowledged.size,
  acknowledgedLost: tally.lost,
  duplicates: tally.duplicates,
  fiveHundreds: w.fiveHundreds,
  stuckKeys: w.stuck.length + tally.leased,
});
