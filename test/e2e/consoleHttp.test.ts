import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { describe, expect } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/console/sendAsset.js';
import { LOGIN_REFUSED } from '../../src/console/createConsoleLogin.js';
import { packageRoot } from '../../src/lib/packageRoot.js';
import type { Chartgate } from '../../src/main.js';
import { createTestServer, harness, matrix } from '../harness/harness.js';
import { createAdmin, PASSWORD } from '../integration/console/consoleFixture.js';

const built = existsSync(join(packageRoot(), 'dist', 'console', 'index.html'));

interface Signed {
  cookie: string;
  csrf: string;
  setCookie: string[];
}

async function signIn(app: FastifyInstance, userName: string, headers: Record<string, string> = {}): Promise<Signed> {
  const res = await app.inject({
    method: 'POST',
    url: '/admin/api/login',
    headers: { 'content-type': 'application/json', ...headers },
    payload: { userName, password: PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: res.json().csrfToken, setCookie };
}

const gql = async (app: FastifyInstance, s: Signed | null, query: string, variables?: unknown, extra: Record<string, string> = {}) => {
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...extra },
    payload: { query, variables },
  });
  return { status: res.statusCode, body: res.json() };
};

describe.each(matrix())('[%s] console over HTTP', (_name, dialect) => {
  const it = harness(dialect);
  const serverOn = (db: Parameters<typeof createTestServer>[0], config: Parameters<typeof createTestServer>[1] = {}) => createTestServer(db, config);

  it('sign-in sets an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie, Secure off localhost', async ({ db }) => {
    await createAdmin(db, 'jsmith', 'technical-lead');
    const server = await serverOn(db);
    try {
      const local = await signIn(server.app, 'jsmith', { host: '127.0.0.1:4000' });
      const [session, csrf] = local.setCookie;
      expect(session).toMatch(/^cg_console_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; SameSite=Strict; HttpOnly$/);
      expect(csrf).toMatch(/^cg_console_csrf=[A-Za-z0-9_-]{32}; Path=\/; Max-Age=43200; SameSite=Strict$/);
      const lan = await signIn(server.app, 'jsmith', { host: 'chartgate.practice.example' });
      expect(lan.setCookie.every((c) => c.endsWith('; Secure'))).toBe(true);
      // the token travels only in the HttpOnly cookie, never in the body
      const body = await server.app.inject({
        method: 'POST',
        url: '/admin/api/login',
        headers: { 'content-type': 'application/json' },
        payload: { userName: 'jsmith', password: PASSWORD },
      });
      expect(Object.keys(body.json()).sort()).toEqual(['csrfToken', 'expiresAt', 'user']);
    } finally {
      await server.close();
    }
  });

  it('a session is a credential on /graphql only with its CSRF header; an API key in Authorization wins; sign-out ends it', async ({ db, admin }) => {
    await createAdmin(db, 'jsmith', 'technical-lead');
    const { key } = await admin.create({ name: 'Reader', kind: 'dashboard', scopes: ['patients:read'] });
    const server = await serverOn(db);
    try {
      const s = await signIn(server.app, 'jsmith');
      const me = await gql(server.app, s, '{ consoleSession { user { userName role } scopes } viewer { client { id name } actingUser { userName } } }');
      expect(me.body.data.consoleSession).toEqual({
        user: { userName: 'jsmith', role: 'TECHNICAL_LEAD' },
        scopes: ['account:write', 'admin', 'admin:read', 'audit:read'],
      });
      expect(me.body.data.viewer).toEqual({ client: { id: '0', name: 'chartgate console' }, actingUser: { userName: 'jsmith' } });
      const noCsrf = await gql(server.app, { ...s, csrf: '' }, '{ consoleSession { scopes } }');
      expect(noCsrf.status).toBe(403);
      expect(noCsrf.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CSRF' });
      const asKey = await gql(server.app, s, '{ viewer { client { name } } consoleSession { scopes } }', undefined, { authorization: `Bearer ${key.key}` });
      expect(asKey.body.data).toEqual({ viewer: { client: { name: 'Reader' } }, consoleSession: null });
      const out = await server.app.inject({
        method: 'POST',
        url: '/admin/api/logout',
        headers: { 'content-type': 'application/json', cookie: s.cookie },
        payload: {},
      });
      expect(([] as string[]).concat(out.headers['set-cookie'] ?? []).every((c) => c.includes('Max-Age=0'))).toBe(true);
      const after = await gql(server.app, s, '{ consoleSession { scopes } }');
      expect(after.status).toBe(401);
      expect(after.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_EXPIRED' });
    } finally {
      await server.close();
    }
  });

  it('roles hold on the server: an Auditor cannot suspend, a Technical Lead cannot manage console users; actions are stamped with the person', async ({
    db,
    admin,
  }) => {
    const sysadmin = await createAdmin(db, 'sysadmin', 'system-administrator');
    await createAdmin(db, 'lead', 'technical-lead');
    await createAdmin(db, 'audrey', 'auditor');
    const { client } = await admin.create({ name: 'Target', kind: 'dashboard', scopes: ['patients:read'] });
    const server = await serverOn(db);
    try {
      const auditor = await signIn(server.app, 'audrey');
      const suspend = 'mutation ($id: ID!) { suspendClient(input: { clientId: $id, reason: "test" }) { client { status } } }';
      const refused = await gql(server.app, auditor, suspend, { id: client.id });
      expect(refused.status).toBe(403);
      expect(refused.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', missingScopes: ['admin'] });
      expect((await gql(server.app, auditor, '{ clients { name status } }')).body.data.clients).toEqual([{ name: 'Target', status: 'ACTIVE' }]);

      const lead = await signIn(server.app, 'lead');
      const users = await gql(server.app, lead, '{ adminUsers { userName } }');
      expect(users.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', missingScopes: ['admin:users'] });
      expect((await gql(server.app, lead, suspend, { id: client.id })).body.data.suspendClient.client.status).toBe('SUSPENDED');

      const sys = await signIn(server.app, 'sysadmin');
      const created = await gql(
        server.app,
        sys,
        'mutation { createAdminUser(input: { userName: "newbie", role: AUDITOR, password: "short" }) { adminUser { id } } }',
      );
      expect(created.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
      const ok = await gql(
        server.app,
        sys,
        'mutation { createAdminUser(input: { userName: "newbie", role: AUDITOR, password: "a long enough password" }) { adminUser { userName role } } }',
      );
      expect(ok.body.data.createAdminUser.adminUser).toEqual({ userName: 'newbie', role: 'AUDITOR' });

      const rows = await db.admin
        .selectFrom('securitylog')
        .select(['PermType', 'UserNum', 'ProgramNum'])
        .where('PermType', 'in', ['ClientSuspend', 'AdminUserCreate'])
        .orderBy('SecurityLogNum')
        .execute();
      const lastTwo = rows.slice(-2);
      expect(lastTwo[0]).toMatchObject({ PermType: 'ClientSuspend', ProgramNum: 0 });
      expect(lastTwo[1]).toEqual({ PermType: 'AdminUserCreate', UserNum: sysadmin.userNum, ProgramNum: 0 });
      const leadNum = (await db.admin.selectFrom('gw_admin_user').select('user_num').where('user_name', '=', 'lead').executeTakeFirstOrThrow()).user_num;
      expect(lastTwo[0].UserNum).toBe(leadNum);
    } finally {
      await server.close();
    }
  });

  it('refused sign-ins look the same and wait the same; the limit answers 429; console requests stay out of the integration log', async ({ db, admin }) => {
    await createAdmin(db, 'jsmith', 'auditor');
    const { key } = await admin.create({ name: 'Reader', kind: 'dashboard', scopes: ['patients:read'] });
    const waits: number[] = [];
    const server: Chartgate = await createTestServer(db, {
      config: { console: { loginFailureDelayMs: 500, loginMaxFailures: 2 } },
      overrides: { loginDelay: async (ms) => void waits.push(ms) },
    });
    try {
      const attempt = (userName: unknown, password: unknown) =>
        server.app.inject({ method: 'POST', url: '/admin/api/login', headers: { 'content-type': 'application/json' }, payload: { userName, password } });
      const wrong = await attempt('jsmith', 'not the password');
      const unknown = await attempt('nobody', 'not the password');
      expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
      expect(wrong.body).toBe(unknown.body);
      expect(wrong.json().errors[0]).toEqual({ message: LOGIN_REFUSED, extensions: { code: 'UNAUTHENTICATED' } });
      expect(waits).toHaveLength(2);
      expect(waits.every((ms) => ms > 0 && ms <= 500)).toBe(true);
      await attempt('jsmith', 'still not it');
      const locked = await attempt('jsmith', PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(locked.headers['retry-after']).toMatch(/^\d+$/);
      expect(locked.json().errors[0].extensions.code).toBe('THROTTLED');
      const missing = await attempt('', 'x');
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userName' });
      const form = await server.app.inject({
        method: 'POST',
        url: '/admin/api/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'userName=a&password=b',
      });
      expect(form.statusCode).toBe(415);

      await createAdmin(db, 'other', 'auditor');
      const s = await signIn(server.app, 'other');
      for (let i = 0; i < 3; i++) await gql(server.app, s, '{ clients { id } loadSeries(minutes: 5) { minutes } }');
      await gql(server.app, null, '{ viewer { scopes } }', undefined, { authorization: `Bearer ${key.key}` });
      await server.requestLog!.flush();
      const logged = await db.admin.selectFrom('gw_request_log').select(['client_id', 'db_ms']).execute();
      expect(logged.map((r) => Number(r.client_id))).toEqual([Number((await admin.list())[0].id)]);
    } finally {
      await server.close();
    }
  });

  it('serves the built console at /admin with a strict CSP, GraphiQL to browsers at GET /graphql, neither in the log', async ({ db }) => {
    expect(built, 'dist/console is missing: run npm run build (npm install does it)').toBe(true);
    const server = await serverOn(db);
    try {
      const page = await server.app.inject({ method: 'GET', url: '/admin' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(page.body).toContain('<div id="root">');
      expect(page.body).not.toMatch(/https?:\/\//);
      const deep = await server.app.inject({ method: 'GET', url: '/admin/clients/3' });
      expect(deep.body).toBe(page.body);
      const script = /src="\/admin\/(assets\/[^"]+\.js)"/.exec(page.body)![1];
      const js = await server.app.inject({ method: 'GET', url: `/admin/${script}`, headers: { 'accept-encoding': 'gzip' } });
      expect(js.statusCode).toBe(200);
      expect(js.headers['content-encoding']).toBe('gzip');
      expect(js.headers['cache-control']).toContain('immutable');
      expect((await server.app.inject({ method: 'GET', url: '/admin/assets/nothing.js' })).statusCode).toBe(404);
      expect((await server.app.inject({ method: 'GET', url: '/admin/../package.json' })).statusCode).not.toBe(200);
      expect((await server.app.inject({ method: 'GET', url: '/admin/api/whatever' })).json().errors[0].extensions.code).toBe('NOT_FOUND');
      const ide = await server.app.inject({ method: 'GET', url: '/graphql', headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(ide.statusCode).toBe(200);
      expect(ide.body).toContain('chartgate GraphQL IDE');
      expect(ide.body).not.toMatch(/https?:\/\//);
      // a GraphQL client's GET is still GraphQL
      const get = await server.app.inject({
        method: 'GET',
        url: '/graphql?query=%7B__typename%7D',
        headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
      });
      expect(get.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
      await server.requestLog!.flush();
      expect(await db.admin.selectFrom('gw_request_log').select('request_id').execute()).toHaveLength(1);
    } finally {
      await server.close();
    }
    const production = await serverOn(db, { config: { env: 'production' } });
    try {
      const ide = await production.app.inject({ method: 'GET', url: '/graphql', headers: { accept: 'text/html' } });
      expect(ide.body).not.toContain('chartgate GraphQL IDE');
      expect((await production.app.inject({ method: 'GET', url: '/admin' })).statusCode).toBe(200);
    } finally {
      await production.close();
    }
  });
});
