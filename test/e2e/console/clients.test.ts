import { describe, expect } from 'vitest';
import { systemPrincipal } from '../../../src/auth/Principal.js';
import { harness, matrix, servicesAs, startServer } from '../../harness/harness.js';
import { launchBrowser } from './support/launchBrowser.js';
import { asClient, screenshot, signIn, startConsole } from './support/startConsole.js';

const VIEWER = 'query WhoAmI { viewer { client { name } } }';

/** Sends the client's request again and again until one is refused as suspended; the ms from `from`, and how many were served meanwhile. */
async function untilSuspended(url: string, key: string, from: number): Promise<{ ms: number; servedMeanwhile: number }> {
  let served = 0;
  for (let i = 0; i < 5000; i++) {
    const r = await asClient(url, key, VIEWER);
    if (r.body.errors?.[0]?.extensions?.code === 'CLIENT_SUSPENDED') return { ms: performance.now() - from, servedMeanwhile: served };
    served++;
  }
  throw new Error('the client was never refused');
}

describe.each(matrix())('[%s] console in Chromium: clients, keys and the kill switch', (name, dialect) => {
  const it = harness(dialect);

  it(
    'create a client and see its key once; suspend it and watch its next request refused; resume it; rotate a key',
    { timeout: 180_000 },
    async ({ db, secondConnection }) => {
      const server = await startConsole(db);
      // a second instance on the same database, polling as in production: the kill switch must reach it too
      const other = await startServer(await secondConnection(db), { config: { auth: { pollMs: 300 } } });
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.admin}/clients/new`);
        await signIn(page, 'lead');
        await page.locator('#name').fill('Front desk sync');
        await page.locator('#vendor').fill('Acme');
        await page.getByRole('checkbox', { name: 'patients:read' }).check();
        await page.locator('#ips').fill('10.0.0.300');
        await page.getByRole('button', { name: 'Create client' }).click();
        await page.getByTestId('error-ips').waitFor();
        expect(await page.getByTestId('error-ips').textContent()).toBe('not an IPv4/IPv6 address or CIDR: 10.0.0.300');
        await page.locator('#ips').fill('');
        await page.getByRole('button', { name: 'Create client' }).click();
        const key = (await page.getByTestId('issued-key').textContent())!;
        expect(key).toMatch(/^cg_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
        await screenshot(page, 'new-client-key');
        expect((await asClient(server.url, key, VIEWER)).body.data.viewer.client.name).toBe('Front desk sync');

        // once stored, the key is gone for good: the page, a reload and the admin API show only its prefix
        await page.getByTestId('key-stored').click();
        await page.getByTestId('keys').waitFor();
        const clientId = /\/clients\/(\d+)$/.exec(page.url())![1];
        expect(await page.content()).not.toContain(key.slice(12));
        await page.reload();
        await page.getByTestId('keys').waitFor();
        expect(await page.content()).not.toContain(key.slice(12));
        expect(await page.locator(`[data-key-prefix="${key.slice(0, 11)}"]`).count()).toBe(1);

        // the kill switch: one click, a reason, a confirmation; the integration's next request is refused
        await page.getByTestId('suspend').click();
        await page.locator('#reason').fill('Sending too many exports during clinic hours');
        const pressed = performance.now();
        const [here, there] = await Promise.all([
          untilSuspended(server.url, key, pressed),
          untilSuspended(other.url, key, pressed),
          page.getByTestId('confirm').click(),
        ]);
        await page.locator('[data-testid=honoured][data-honoured=true]').waitFor();
        expect(await page.getByTestId('honoured').textContent()).toContain('(2 of 2)');
        console.log(
          `[${name}] suspend pressed -> next request refused: ${here.ms.toFixed(0)} ms on the console's instance, ${there.ms.toFixed(0)} ms on a second instance (AUTH_POLL_MS 300)`,
        );
        const refused = await asClient(other.url, key, VIEWER);
        expect(refused.status).toBe(403);
        expect(refused.body.errors[0].extensions).toMatchObject({ code: 'CLIENT_SUSPENDED', reason: 'Sending too many exports during clinic hours' });
        await screenshot(page, 'client-suspended');

        await page.getByTestId('resume').click();
        await page.getByTestId('confirm').click();
        await page.getByTestId('suspend').waitFor();
        expect((await asClient(server.url, key, VIEWER)).status).toBe(200);

        // rotation: a new key shown once, the old one still working through the grace period
        await page.locator('#grace').fill('3600');
        await page.getByTestId('rotate-key').click();
        const rotated = (await page.getByTestId('issued-key').textContent())!;
        expect(rotated).not.toBe(key);
        expect((await asClient(server.url, rotated, VIEWER)).status).toBe(200);
        expect((await asClient(server.url, key, VIEWER)).status).toBe(200);
        await page.getByTestId('key-stored').click();
        const oldRow = page.locator(`[data-key-prefix="${key.slice(0, 11)}"]`);
        expect(await oldRow.textContent()).not.toContain('never');
        // its webhook endpoints, as the events API lists them (read with admin:read)
        await servicesAs(db, systemPrincipal()).webhooks.create({
          clientId: Number(clientId),
          url: 'http://127.0.0.1:9/chartgate-hook',
          eventTypes: ['patient.created'],
        });
        await page.reload();
        await page.getByTestId('webhooks').getByText('http://127.0.0.1:9/chartgate-hook').waitFor();
        await page.getByTestId('test-connection').getByRole('button', { name: 'Test again' }).click();
        await page.getByTestId('last-request').waitFor();
        await screenshot(page, 'client-detail');
        expect(clientId).toMatch(/^\d+$/);
        expect(browser.external).toEqual([]);
      } finally {
        await browser.close();
        await other.close();
        await server.close();
      }
    },
  );
});
