import { randomBytes, randomUUID } from 'node:crypto';
import { createSecurityLog } from '../../src/audit/SecurityLog.js';
import { systemPrincipal } from '../../src/auth/Principal.js';
import { limitDefaultsOf } from '../../src/config/effectiveClientLimits.js';
import { parseConfig } from '../../src/config/loadConfig.js';
import { createRequestContextFactory } from '../../src/context.js';
import { createGateway } from '../../src/gateway/createGateway.js';
import { createWebhookPolicy } from '../../src/events/createWebhookPolicy.js';
import { createKillSwitch } from '../../src/killSwitch/createKillSwitch.js';
import { chromiumInstalled, launchChromium } from '../lib/launchChromium.js';
import { BENCH_AUDIT_KEY } from '../lib/startBenchServer.js';
import { median, round } from '../lib/stats.js';
import type { Scenario } from './Scenario.js';

const LOADS = 10;
const VIEWER = JSON.stringify({ query: 'query ConsoleBench { viewer { client { name } } }' });

/** Asks as the client until the answer has `code` (or, with null, succeeds); the ms since `from`. */
async function until(url: string, key: string, code: string | null, from: number, limitMs = 10_000): Promise<number | null> {
  while (performance.now() - from < limitMs) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: VIEWER });
    const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    const got = body.errors?.[0]?.extensions?.code ?? null;
    if (got === code) return performance.now() - from;
  }
  return null;
}

/**
 * The admin console in Debian's Chromium against two chartgate instances on the bench database:
 * its first load with an empty cache (p50 of 10, to the sign-in form and signed in to the
 * Connections table), and the time from pressing "Suspend now" to the client's next request being
 * refused, on the console's own instance and on a second one that learns it from its poller.
 */
export const consoleUi: Scenario = {
  name: 'console',
  title: 'Admin console: first load and the kill switch from the browser',
  async run(ctx, out) {
    if (!chromiumInstalled()) {
      out.figures.push({
        key: 'console.firstLoad.p50Ms',
        label: 'console first load, empty cache (p50)',
        value: null,
        unit: 'ms',
        note: 'no /usr/bin/chromium',
      });
      return;
    }
    const trials = ctx.options.quick ? 2 : 5;
    const stamp = randomBytes(4).toString('hex');
    const contexts = createRequestContextFactory({
      db: ctx.db,
      admin: {
        gateway: createGateway(ctx.db),
        killSwitch: createKillSwitch({ db: ctx.db }),
        keyRotationGraceS: 86_400,
        limitDefaults: limitDefaultsOf(parseConfig({})),
        webhooks: createWebhookPolicy({ allowPrivate: true, secretGraceS: 86_400 }),
      },
      securityLog: createSecurityLog(Buffer.from(BENCH_AUDIT_KEY, 'utf8')),
    });
    const admins = contexts({ principal: { ...systemPrincipal(), scopes: new Set(['admin', 'admin:users']) }, requestId: `bench-console-${randomUUID()}` })
      .services.admins;
    const password = randomBytes(18).toString('base64url');
    const person = await admins.create({ userName: `bench-console-${stamp}`, role: 'technical-lead', password });
    const { client, key } = await ctx.clients.service.create({
      name: `bench console target ${stamp}`,
      vendor: 'chartgate benchmarks',
      kind: 'dashboard',
      scopes: ['patients:read'],
    });
    const consoleServer = await ctx.startServer();
    const other = await ctx.startServer({ env: { AUTH_POLL_MS: '300' } });
    const browser = await launchChromium();
    const notes: string[] = [];
    try {
      const admin = consoleServer.url.replace(/\/graphql$/, '/admin');
      // both instances know the new client once their pollers ran
      for (const s of [consoleServer, other]) if ((await until(s.url, key.key, null, performance.now())) === null) notes.push('a server never knew the client');

      ctx.progress.step(`console: ${LOADS} cold loads`);
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      const cold = async (ready: () => Promise<unknown>) => {
        await cdp.send('Network.clearBrowserCache');
        const t0 = performance.now();
        await page.goto(`${admin}/`);
        await ready();
        return performance.now() - t0;
      };
      const signInLoads: number[] = [];
      for (let i = 0; i < LOADS; i++) signInLoads.push(await cold(() => page.locator('#userName').waitFor()));
      await page.locator('#userName').fill(person.userName);
      await page.locator('#password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('who').waitFor();
      const signedInLoads: number[] = [];
      for (let i = 0; i < LOADS; i++) signedInLoads.push(await cold(() => page.getByTestId('connections').waitFor()));

      const here: number[] = [];
      const there: number[] = [];
      await page.goto(`${admin}/clients/${client.id}`);
      for (let trial = 1; trial <= trials; trial++) {
        ctx.progress.step(`console: kill switch trial ${trial}/${trials}`);
        await page.getByTestId('suspend').click();
        await page.locator('#reason').fill('benchmark: kill switch from the console');
        const pressed = performance.now();
        const [a, b] = await Promise.all([
          until(consoleServer.url, key.key, 'CLIENT_SUSPENDED', pressed),
          until(other.url, key.key, 'CLIENT_SUSPENDED', pressed),
          page.getByTestId('confirm').click(),
        ]);
        if (a === null || b === null) notes.push(`trial ${trial}: not refused within 10 s`);
        if (a !== null) here.push(a);
        if (b !== null) there.push(b);
        await page.getByTestId('resume').click();
        await page.getByTestId('confirm').click();
        await page.getByTestId('suspend').waitFor();
        await until(other.url, key.key, null, performance.now());
      }
      out.raw.console = { signInLoads, signedInLoads, here, there };
      const p50 = (xs: number[]) => (xs.length ? round(median(xs), 0) : null);
      out.figures.push(
        {
          key: 'console.firstLoad.p50Ms',
          label: `console first load, empty cache, to the sign-in form (p50 of ${LOADS})`,
          value: p50(signInLoads),
          unit: 'ms',
          target: { op: '<', value: 2000 },
        },
        {
          key: 'console.firstLoad.signedInP50Ms',
          label: `console first load signed in, to the Connections table (p50 of ${LOADS})`,
          value: p50(signedInLoads),
          unit: 'ms',
        },
        {
          key: 'console.suspend.refusedMs',
          label: 'console: Suspend pressed -> next request refused, same instance (median)',
          value: p50(here),
          unit: 'ms',
          note: `${here.length} trials${notes.length ? `; ${notes.join('; ')}` : ''}`,
        },
        {
          key: 'console.suspend.otherInstanceMs',
          label: 'console: Suspend pressed -> next request refused, second instance polling every 300 ms (median)',
          value: p50(there),
          unit: 'ms',
          target: { op: '<', value: 1000 },
        },
      );
      out.charts.push({
        title: 'Console: Suspend pressed until the next request is refused',
        unit: 'ms',
        categories: here.map((_, i) => `trial ${i + 1}`),
        series: [
          { name: 'same instance', values: here.map((t) => round(t, 0)) },
          { name: 'second instance', values: there.map((t) => round(t, 0)) },
        ],
      });
    } finally {
      await browser.close();
      await other.close();
      await consoleServer.close();
      await ctx.clients.service.resume(client.id).catch(() => undefined);
      await admins.setStatus(person.id, 'disabled').catch(() => undefined);
    }
  },
};
