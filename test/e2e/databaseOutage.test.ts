import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/config/loadConfig.js';
import type { Db } from '../../src/db/createDb.js';
import { openDb } from '../../src/main.js';
import { dialects, mysqlBaseUrl } from '../harness/dialects.js';
import { createTcpProxy, type TcpProxy } from './support/createTcpProxy.js';
import { LEAK, startChartgate, type StartedChartgate } from './support/startChartgate.js';

/**
 * A lost database answers DATABASE_UNAVAILABLE (503) and the server recovers by itself when the
 * database returns. MySQL only: the server reaches MariaDB through a TCP proxy the test cuts
 * and restores (an embedded SQLite file cannot go away while open).
 */
const mysqlUrl = mysqlBaseUrl;
const hasMysql = dialects.some((d) => d.name === 'mysql') && !!mysqlUrl;

describe.skipIf(!hasMysql)('database outage [mysql]', () => {
  const schemaName = `cg_edge_outage_${randomBytes(4).toString('hex')}`;
  let proxy: TcpProxy;
  let db: Db;
  let app: StartedChartgate;

  beforeAll(async () => {
    const target = new URL(mysqlUrl!);
    const admin = await mysql.createConnection(mysqlUrl!);
    await admin.query(`CREATE DATABASE \`${schemaName}\``);
    await admin.end();
    proxy = await createTcpProxy({ host: target.hostname, port: Number(target.port || 3306) });
    const url = new URL(mysqlUrl!);
    url.host = `127.0.0.1:${proxy.port}`;
    url.pathname = `/${schemaName}`;
    db = await openDb(parseConfig({ env: 'test', db: { url: url.toString() } }));
    app = await startChartgate(db, { seed: false });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.destroy().catch(() => undefined);
    await proxy?.close();
    const admin = await mysql.createConnection(mysqlUrl!);
    await admin.query(`DROP DATABASE IF EXISTS \`${schemaName}\``);
    await admin.end();
  });

  const query = () => app.post({ query: '{ patients(first: 1) { edges { node { id } } } }' });

  it('answers DATABASE_UNAVAILABLE while the database is gone, then recovers by itself', async () => {
    expect((await query()).status).toBe(200);

    await proxy.cut();
    const down = await query();
    const text = await down.text();
    expect(down.status).toBe(503);
    expect(text).not.toMatch(LEAK);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
    const notReady = await fetch(`${app.base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);

    await proxy.restore();
    // the pools reconnect on their own: the next requests succeed without a restart
    await vi.waitFor(async () => expect((await query()).status).toBe(200), { timeout: 10_000, interval: 50 });
    expect((await fetch(`${app.base}/readyz`)).status).toBe(200);
  });
});
