import { sql, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../../src/db/createDb.js';
import { createSqlRunner, type StatementEvent } from '../../../src/db/SqlRunner.js';
import { ErrorCode } from '../../../src/lib/ErrorCode.js';
import { dialects, type FreshDb } from '../../harness/dialects.js';

const raw = <R>(db: FreshDb['db'], text: ReturnType<typeof sql<R>>): Compilable<R> => ({ compile: () => text.compile(db.reporting) });

describe.each(dialects)('SqlRunner [$name]', (dialect) => {
  let fresh: FreshDb;
  beforeAll(async () => {
    fresh = await dialect.freshDb();
  });
  afterAll(() => fresh?.release());

  it('tags every statement with its purpose, client and request, and reports it to the observer', async () => {
    const seen: StatementEvent[] = [];
    const runner = createSqlRunner(fresh.db, { clientId: 42, requestId: 'req-abc', observer: { onStatement: (e) => seen.push(e) } });
    await runner.read('countPatients', fresh.db.reporting.selectFrom('patient').select((eb) => eb.fn.countAll().as('n')));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.sql.startsWith('/* cg:countPatients c=42 r=req-abc */ ')).toBe(true);
    expect(seen[0]!.pool).toBe('reporting');
  });

  it.runIf(dialect.name === 'mysql')('the tag is what the server sees in its process list', async () => {
    const runner = createSqlRunner(fresh.db, { clientId: 5, requestId: 'visible-1' });
    const running = runner.read('slowProbe', raw(fresh.db, sql`select sleep(1) as s`));
    await new Promise((r) => setTimeout(r, 300));
    const { rows } = await sql<{ INFO: string }>`select INFO from information_schema.PROCESSLIST where INFO like '%cg:slowProbe c=5 r=visible-1%' and ID <> connection_id()`.execute(fresh.db.interactive);
    expect(rows).toHaveLength(1);
    await running;
  });

  it.runIf(dialect.name === 'mysql')('a read past its deadline answers QUERY_TIMEOUT within 1.2x and leaves nothing running', async () => {
    const runner = createSqlRunner(fresh.db, { clientId: 6, requestId: 'deadline-1', deadlineMs: 500 });
    const started = performance.now();
    await expect(runner.read('tooSlow', raw(fresh.db, sql`select sleep(5) as s`))).rejects.toMatchObject({ code: ErrorCode.QUERY_TIMEOUT });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(600);
    const { rows } = await sql`select ID from information_schema.PROCESSLIST where INFO like '%r=deadline-1 %' and ID <> connection_id()`.execute(fresh.db.interactive);
    expect(rows).toHaveLength(0);
  });

  it.runIf(dialect.name === 'mysql')('killByMarker ends one client\'s statement and leaves another\'s alone', async () => {
    const victim = createSqlRunner(fresh.db, { clientId: 901, requestId: 'victim' });
    const bystander = createSqlRunner(fresh.db, { clientId: 902, requestId: 'bystander' });
    const started = performance.now();
    const v = victim.read('victimSleep', raw(fresh.db, sql`select sleep(5) as s`)).catch((e: { code?: string }) => e.code);
    const b = bystander.read('bystanderSleep', raw(fresh.db, sql`select sleep(1) as s`));
    await new Promise((r) => setTimeout(r, 200));
    expect(await fresh.db.killByMarker('c=901 ')).toBe(1);
    expect(await v).toBe(ErrorCode.QUERY_TIMEOUT);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await b).toEqual([{ s: 0 }].map((r) => expect.objectContaining({ s: expect.anything() })) as never);
  });

  it.runIf(dialect.name === 'mysql')('an unreachable server answers DATABASE_UNAVAILABLE, not a crash', async () => {
    const down = await createDb({ url: 'mysql://root@127.0.0.1:1/test' });
    const runner = createSqlRunner(down, { clientId: 1, requestId: 'down' });
    await expect(runner.read('ping', raw(down, sql`select 1 as one`))).rejects.toMatchObject({ code: ErrorCode.DATABASE_UNAVAILABLE });
    await expect(down.ping()).rejects.toMatchObject({ code: ErrorCode.DATABASE_UNAVAILABLE });
    await down.destroy();
  });

  it.runIf(dialect.name === 'mysql')('a full reporting queue answers OVERLOADED instead of queueing without bound', async () => {
    const capped = await createDb({ url: fresh.url!, reportingPoolSize: 1, reportingQueueLimit: 1 });
    try {
      const runner = createSqlRunner(capped, { clientId: 3, requestId: 'flood' });
      const reads = Array.from({ length: 4 }, () => runner.read('queued', raw(capped, sql`select sleep(0.3) as s`)).then(() => 'ok', (e: { code?: string }) => e.code));
      const outcomes = await Promise.all(reads);
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(2); // one running, one queued
      expect(outcomes.filter((o) => o === ErrorCode.OVERLOADED)).toHaveLength(2);
      // the interactive pool is a separate bulkhead: it still answers at once
      const started = performance.now();
      await createSqlRunner(capped, { clientId: 3, requestId: 'desk' }).readInteractive('frontDesk', raw(capped, sql`select 1 as one`));
      expect(performance.now() - started).toBeLessThan(200);
    } finally {
      await capped.destroy();
    }
  });
});
