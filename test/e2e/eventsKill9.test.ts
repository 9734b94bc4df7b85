import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, vi } from 'vitest';
import { harness, matrix, TEST_AUDIT_KEY } from '../harness/harness.js';
import { endpointCursor, operatorServices, seedEventsFixture, servicesOn, writerPrincipal } from '../integration/events/eventsFixture.js';
import { createWebhookReceiver } from '../support/createWebhookReceiver.js';

/** `chartgate <args>` from the sources in a child process on the test's database; its output is kept for failures. */
function chartgate(
  databaseUrl: string,
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/chartgate.ts', ...args], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      AUTH_TOKEN_SECRET: 'kill-nine-secret-'.padEnd(40, 'x'),
      // the tests' key: the test's own contexts wrote the log this child appends to
      AUDIT_KEY: TEST_AUDIT_KEY,
      METRICS_PORT: '0',
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOKS_POLL_MS: '50',
      // a short timeout keeps the claim's lease (four times the timeout and a second) short
      WEBHOOKS_TIMEOUT_MS: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

// a child server on a MariaDB test database (SQLite's embedded file belongs to one process)
describe.each(matrix())('[%s] crash safety of delivery', (name, dialect) => {
  const it = harness(dialect);
  const mysqlOnly = it.runIf(name === 'mysql');

  mysqlOnly(
    'kill -9 of `chartgate serve` mid-delivery loses no event: after a restart it is delivered, same webhook-id',
    { timeout: 120_000 },
    async ({ db, fresh }) => {
      const f = await seedEventsFixture(db);
      const receiver = await createWebhookReceiver();
      const { endpoint, secret } = await operatorServices(db).webhooks.create({ clientId: f.full, url: receiver.url('kill'), eventTypes: ['patient.created'] });
      receiver.trust('kill', secret);
      // the first attempt never gets an answer: the server is mid-delivery when it dies
      receiver.behave('kill', (n) => (n === 1 ? { hang: true } : { status: 200 }));
      const first = chartgate(fresh.url!, ['serve']);
      let second: ReturnType<typeof chartgate> | undefined;
      try {
        const arrived = receiver.next('kill');
        const p = await servicesOn(db, writerPrincipal()).patients.createPatient({ firstName: 'Kill', lastName: 'Nine', clinicId: f.fx.clinics[0]! });
        const hung = await arrived;
        expect(hung.verified).toBe(true);
        process.kill(first.child.pid!, 'SIGKILL');
        expect(await first.exited).toBeNull();
        // a first attempt has no row: the dead server holds the endpoint's new events, its position still before this one
        expect(await db.interactive.selectFrom('gw_delivery').selectAll().where('endpoint_id', '=', endpoint.id).execute()).toEqual([]);
        expect(await endpointCursor(db, endpoint.id)).toMatchObject({ position: Number(hung.id.replace('evt_', '')) - 1, leased: true });

        second = chartgate(fresh.url!, ['serve']);
        await vi.waitFor(() => expect(receiver.delivered('kill')).toHaveLength(1), { timeout: 60_000, interval: 100 });
        const [delivered] = receiver.delivered('kill');
        expect(delivered!.id).toBe(hung.id);
        expect(delivered!.body).toMatchObject({ type: 'patient.created', data: { id: String(p.id) } });
        await vi.waitFor(
          async () =>
            expect(await db.interactive.selectFrom('gw_delivery').selectAll().where('endpoint_id', '=', endpoint.id).execute()).toMatchObject([
              // the attempt cut off by kill -9 left no row; the receiver saw it twice under one webhook-id
              { status: 'delivered', attempts: 1, last_status: 200 },
            ]),
          { timeout: 10_000, interval: 100 },
        );
        // serve runs the dispatcher on a thread of its own; its counts reach the server's /metrics
        const metricsUrl = /metrics: curl -s (\S+)/.exec(second.output())?.[1];
        expect(metricsUrl, second.output()).toBeDefined();
        await vi.waitFor(
          async () =>
            expect(await (await fetch(metricsUrl!)).text()).toContain(`chartgate_webhook_attempts_total{outcome="delivered",endpoint="${endpoint.id}"} 1`),
          { timeout: 10_000, interval: 100 },
        );
        second.child.kill('SIGTERM');
        expect(await second.exited, second.output()).toBe(0);
      } finally {
        for (const proc of [first, second]) if (proc && proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
        await receiver.close();
      }
    },
  );

  mysqlOnly(
    '`chartgate serve` with nothing to deliver starts its dispatcher thread once the first endpoint is active, and delivers',
    { timeout: 120_000 },
    async ({ db, fresh }) => {
      const f = await seedEventsFixture(db);
      const receiver = await createWebhookReceiver();
      const serve = chartgate(fresh.url!, ['serve']);
      try {
        await vi.waitFor(() => expect(serve.output()).toContain('serving GraphQL'), { timeout: 60_000, interval: 100 });
        const { secret } = await operatorServices(db).webhooks.create({ clientId: f.full, url: receiver.url('late'), eventTypes: ['patient.created'] });
        receiver.trust('late', secret);
        await servicesOn(db, writerPrincipal()).patients.createPatient({ firstName: 'Late', lastName: 'Comer', clinicId: f.fx.clinics[0]! });
        await vi.waitFor(() => expect(receiver.delivered('late')).toHaveLength(1), { timeout: 30_000, interval: 100 });
        expect(receiver.delivered('late')[0]!.verified).toBe(true);
        serve.child.kill('SIGTERM');
        expect(await serve.exited, serve.output()).toBe(0);
      } finally {
        if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL');
        await receiver.close();
      }
    },
  );

  mysqlOnly('`chartgate webhooks worker` delivers on its own and stops cleanly on SIGTERM', { timeout: 120_000 }, async ({ db, fresh }) => {
    const f = await seedEventsFixture(db);
    const receiver = await createWebhookReceiver();
    const { secret } = await operatorServices(db).webhooks.create({ clientId: f.northOnly, url: receiver.url('worker'), eventTypes: ['patient.created'] });
    receiver.trust('worker', secret);
    const worker = chartgate(fresh.url!, ['webhooks', 'worker']);
    try {
      await servicesOn(db, writerPrincipal()).patients.createPatient({ firstName: 'Work', lastName: 'Er', clinicId: f.fx.clinics[0]! });
      await vi.waitFor(() => expect(receiver.delivered('worker')).toHaveLength(1), { timeout: 60_000, interval: 100 });
      expect(worker.output()).toContain('chartgate webhooks worker: delivering');
      worker.child.kill('SIGTERM');
      expect(await worker.exited, worker.output()).toBe(0);
    } finally {
      if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
      await receiver.close();
    }
  });
});
