import { sql, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForStatements } from '../../harness/waitForStatements.js';
import { createDb } from '../../../src/db/createDb.js';
import { findStatements, killStatements } from '../../../src/db/dialects/killStatements.js';
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
    const runner = createSqlRunner(fresh.db, { clientId: 42, requestId: 'req-abc', marker: 'm1', observers: [{ onStatement: (e) => seen.push(e) }] });
    await runner.read(
      'countPatients',
      fresh.db.reporting.selectFrom('patient').select((eb) => eb.fn.countAll().as('n')),
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]!.sql.startsWith('/* cg:countPatients c=42 r=req-abc k=m1 */ ')).toBe(true);
    expect(seen[0]!.pool).toBe('reporting');
  });

  it.runIf(dialect.name === 'mysql')('the tag is what the server sees in its process list', async () => {
    const runner = createSqlRunner(fresh.db, { clientId: 5, requestId: 'visible-1' });
    const running = runner.read('slowProbe', raw(fresh.db, sql`select sleep(1) as s`));
    await waitForStatements(fresh.db, '%cg:slowProbe c=5 r=visible-1%', 1);
    await running;
  });

  // how soon past the deadline it stops is a speed claim: benchmarks/scenarios/deadlineOverrun.ts
  it.runIf(dialect.name === 'mysql')('a read past its deadline answers QUERY_TIMEOUT and leaves nothing running', async () => {
    const runner = createSqlRunner(fresh.db, { clientId: 6, requestId: 'deadline-1', deadlineMs: 500 });
    await expect(runner.read('tooSlow', raw(fresh.db, sql`select sleep(5) as s`))).rejects.toMatchObject({ code: ErrorCode.QUERY_TIMEOUT });
    const { rows } = await sql`select ID from information_schema.PROCESSLIST where INFO like '%r=deadline-1 %' and ID <> connection_id()`.execute(
      fresh.db.interactive,
    );
    expect(rows).toHaveLength(0);
  });

  it.runIf(dialect.name === 'mysql')("killByMarker ends one client's statement and leaves another's alone", async () => {
    const victim = createSqlRunner(fresh.db, { clientId: 901, requestId: 'victim' });
    const bystander = createSqlRunner(fresh.db, { clientId: 902, requestId: 'bystander' });
    const v = victim.read('victimSleep', raw(fresh.db, sql`select sleep(30) as s`)).catch((e: { code?: string }) => e.code);
    const b = bystander.read('bystanderSleep', raw(fresh.db, sql`select sleep(1) as s`));
    await waitForStatements(fresh.db, '%c=901 %', 1);
    await waitForStatements(fresh.db, '%c=902 %', 1);
    expect(await fresh.db.killByMarker('c=901 ')).toBe(1);
    // SLEEP(30) interrupted: the 30 s test timeout would fail it otherwise
    expect(await v).toBe(ErrorCode.QUERY_TIMEOUT);
    expect(await b).toEqual([{ s: 0 }].map(() => expect.objectContaining({ s: expect.anything() })) as never);
  });

  it.runIf(dialect.name === 'mysql')(
    'a kill stops the statement it found, never the next one its pooled connection runs (another request, perhaps another client)',
    async ({ skip }) => {
      if (fresh.db.flavor !== 'mariadb') skip('MySQL can only kill by connection: the window is documented in killStatements.ts');
      // one connection, so the statement after the victim's runs where the victim ran
      const one = await createDb({ url: fresh.url!, interactivePoolSize: 1 });
      try {
        await fresh.db.interactive.connection().execute(async (holder) => {
          await sql`select get_lock('cg-kill-a', 10), get_lock('cg-kill-b', 10)`.execute(holder);
          const victim = sql<{ got: number }>`/* cg:victim k=race-marker */ select get_lock('cg-kill-a', 30) as got`.execute(one.interactive);
          await waitForStatements(fresh.db, '%k=race-marker %', 1);
          const found = await findStatements(fresh.db.interactive, 'mariadb', 'k=race-marker ');
          expect(found).toHaveLength(1);
          // the victim finishes between the lookup and the kill, and its connection takes the next statement
          await sql`select release_lock('cg-kill-a')`.execute(holder);
          expect((await victim).rows).toEqual([{ got: 1 }]);
          const next = sql<{ got: number }>`/* cg:bystander */ select get_lock('cg-kill-b', 30) as got`.execute(one.interactive);
          await waitForStatements(fresh.db, '%cg:bystander%', 1);
          expect(await killStatements(fresh.db.interactive, found)).toBe(0);
          await sql`select release_lock('cg-kill-b')`.execute(holder);
          expect(
            await next.then(
              (r) => r.rows,
              (e: { errno?: number }) => e.errno,
            ),
          ).toEqual([{ got: 1 }]);
        });
      } finally {
        await one.destroy();
      }
    },
  );

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
      const reads = Array.from({ length: 4 }, () =>
        runner.read('queued', raw(capped, sql`select sleep(0.5) as s`)).then(
          () => 'ok',
          (e: { code?: string }) => e.code,
        ),
      );
      // the interactive pool is a separate bulkhead: it answers while the reporting pool is still full
      const desk = createSqlRunner(capped, { clientId: 3, requestId: 'desk' })
        .readInteractive('frontDesk', raw(capped, sql`select 1 as one`))
        .then(() => 'interactive');
      expect(await Promise.race([desk, Promise.all(reads).then(() => 'reporting')])).toBe('interactive');
      const outcomes = await Promise.all(reads);
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(2); // one running, one queued
      expect(outcomes.filter((o) => o === ErrorCode.OVERLOADED)).toHaveLength(2);
    } finally {
      await capped.destroy();
    }
  });
});
