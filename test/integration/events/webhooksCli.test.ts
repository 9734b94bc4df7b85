import { describe, expect, vi } from 'vitest';
import type { Command } from 'commander';
import { runCli } from '../../../src/cli/runCli.js';
import { webhooksCommand } from '../../../src/cli/webhooksCommand.js';
import { parseConfig } from '../../../src/config/loadConfig.js';
import type { Db } from '../../../src/db/createDb.js';
import { harness, matrix, TEST_AUDIT_KEY } from '../../harness/harness.js';
import { createWebhookReceiver } from '../../support/createWebhookReceiver.js';
import { fakeClock, seedEventsFixture, servicesOn, testDispatcher, writerPrincipal } from './eventsFixture.js';

const depsFor = (db: Db) => ({
  loadConfig: () => parseConfig({ webhooks: { allowPrivate: true }, audit: { key: TEST_AUDIT_KEY } }),
  openDb: async () => ({ ...db, destroy: async () => undefined }),
});

/** Runs `chartgate webhooks ...` against `db` (kept open) and returns what it printed. */
async function run(db: Db, args: string[]): Promise<string> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await (webhooksCommand(depsFor(db)) as Command).exitOverride().parseAsync(args, { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

/** The whole command line (exit code and stderr), as the process would run it. */
async function exitOf(db: Db, args: string[]): Promise<{ code: number; stderr: string }> {
  const err: string[] = [];
  const spies = [
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
      err.push(String(chunk));
      return true;
    }),
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true),
  ];
  try {
    return { code: await runCli(['node', 'chartgate', 'webhooks', ...args], depsFor(db)), stderr: err.join('') };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

describe.each(matrix())('[%s] chartgate webhooks', (_name, dialect) => {
  const it = harness(dialect);

  it('create (secret once), list, deliveries, replay, rotate-secret, enable, delete', async ({ db }) => {
    const clock = fakeClock();
    const f = await seedEventsFixture(db, clock);
    const receiver = await createWebhookReceiver({ now: clock.now });
    const d = testDispatcher(db, clock);
    try {
      const created = JSON.parse(
        await run(db, ['create', '--client', String(f.full), '--url', receiver.url('cli'), '--events', 'patient.created,appointment.booked', '--json']),
      );
      expect(created.secret).toMatch(/^whsec_/);
      expect(created.endpoint).toMatchObject({ clientId: f.full, eventTypes: ['patient.created', 'appointment.booked'], status: 'active' });
      receiver.trust('cli', created.secret);
      const id = String(created.endpoint.id);
      const listed = await run(db, ['list']);
      expect(listed).toContain(`endpoint ${id}  client ${f.full}  active`);
      expect(listed).not.toContain(created.secret);

      await servicesOn(db, writerPrincipal(), clock).patients.createPatient({ firstName: 'Cli', lastName: 'Pat', clinicId: f.fx.clinics[0]! });
      await d.dispatcher.runOnce();
      const deliveries = JSON.parse(await run(db, ['deliveries', id, '--json']));
      expect(deliveries).toMatchObject([{ status: 'delivered', attempts: 1, lastStatus: 200, event: { type: 'patient.created' } }]);
      expect(await run(db, ['deliveries', id, '--undelivered'])).toContain('no deliveries');

      expect(JSON.parse(await run(db, ['replay', id, '--since', '1h', '--json']))).toEqual({ queued: 1 });
      expect(await run(db, ['deliveries', id, '--status', 'pending'])).toMatch(/evt_\d+ {2}pending/);
      // the CLI queued it on the wall clock, which has moved on from the dispatcher's test clock
      clock.advance(60_000);
      await d.dispatcher.runOnce();
      expect(receiver.delivered('cli')).toHaveLength(2);

      const rotated = JSON.parse(await run(db, ['rotate-secret', id, '--grace', '60', '--json']));
      expect(rotated.secret).not.toBe(created.secret);
      expect(rotated.endpoint.previousSecretExpiresAt).not.toBeNull();
      expect(await run(db, ['enable', id])).toContain('active');
      expect(await run(db, ['delete', id])).toContain(`webhook endpoint ${id} deleted`);
      expect(await run(db, ['list'])).toContain('no webhook endpoints');
    } finally {
      await receiver.close();
      await d.stop();
    }
  });

  it('bad input exits 2 naming the field; an unknown endpoint exits 3', async ({ db }) => {
    const f = await seedEventsFixture(db);
    const create = (url: string, events: string) => exitOf(db, ['create', '--client', String(f.scheduleOnly), '--url', url, '--events', events, '--json']);
    const badUrl = await create('no-url', 'appointment.booked');
    expect(badUrl.code).toBe(2);
    expect(JSON.parse(badUrl.stderr)).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'input.url' } });
    const notAllowed = await create('http://127.0.0.1:9/x', 'appointment.booked,patient.created');
    expect(JSON.parse(notAllowed.stderr)).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'input.eventTypes[1]' } });
    expect((await exitOf(db, ['deliveries', '5', '--status', 'lost'])).code).toBe(2);
    expect((await exitOf(db, ['replay', '5', '--since', 'yesterday'])).code).toBe(2);
    expect((await exitOf(db, ['delete', '999999', '--json'])).code).toBe(3);
    expect((await exitOf(db, ['rotate-secret', '1', '--grace', '99999999'])).code).toBe(2);
  });
});
