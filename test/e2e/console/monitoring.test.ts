import { describe, expect } from 'vitest';
import { harness, matrix } from '../../harness/harness.js';
import { launchBrowser } from './support/launchBrowser.js';
import { runLoad } from './support/runLoad.js';
import { asClient, screenshot, signIn, startConsole } from './support/startConsole.js';

describe.each(matrix())('[%s] console in Chromium: integration log, live load, security log', (_name, dialect) => {
  const it = harness(dialect);

  it('filter the integration log by error code, with the code explained in plain words', { timeout: 120_000 }, async ({ db, admin }) => {
    const server = await startConsole(db);
    const { key } = await admin.create({ name: 'Reader', kind: 'dashboard', scopes: ['patients:read'] });
    // the server learns of a client created elsewhere at its next poll: trigger it
    await server.server.identity.store.poll();
    const browser = await launchBrowser();
    try {
      await asClient(server.url, key.key, 'query Fine { viewer { scopes } }');
      await asClient(server.url, key.key, 'query NotMine { clients { id } }');
      await asClient(server.url, key.key, 'query NotMineEither { integrationLog { edges { node { id } } } }');
      await asClient(server.url, 'cg_00000000_wrongwrongwrongwrongwrongwrongwrongwrongwro', 'query Who { viewer { scopes } }');
      await server.server.requestLog!.flush();
      const page = await browser.context.newPage();
      await page.goto(`${server.admin}/log`);
      await signIn(page, 'audrey');
      await page.locator('[data-testid=log] tbody tr').nth(3).waitFor();
      expect(await page.locator('[data-testid=log] tbody tr').count()).toBe(4);
      await page.locator('#f-code').selectOption('FORBIDDEN');
      await page.getByTestId('apply-filters').click();
      await page.getByTestId('code-explained').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=log] tbody tr').length === 2);
      const codes = await page.locator('[data-testid=log] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-error-code')));
      expect(codes).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(await page.getByTestId('code-explained').textContent()).toContain('may not do this');
      expect(new URL(page.url()).search).toBe('?code=FORBIDDEN');
      await screenshot(page, 'integration-log');
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it('the live load charts update while a load script runs', { timeout: 120_000 }, async ({ db, admin }) => {
    const server = await startConsole(db);
    const { key } = await admin.create({ name: 'Busy dashboard', kind: 'dashboard', scopes: ['patients:read'] });
    // the server learns of a client created elsewhere at its next poll: trigger it
    await server.server.identity.store.poll();
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.admin}/load`);
      await signIn(page, 'lead');
      const requests = page.getByTestId('chart-requests');
      await requests.waitFor();
      const before = Number(await requests.getAttribute('data-total'));
      const statuses = await runLoad({ url: server.url, key: key.key, requests: 60, concurrency: 4 });
      expect(statuses.get(200)).toBe(60);
      // the charts refresh by themselves (every 2 s) and show the load script's requests and their cost
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid=chart-requests]')?.getAttribute('data-total')) >= n, before + 60);
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=chart-cost]')?.getAttribute('data-total')) > 0);
      await page.getByTestId('budgets').getByText('Busy dashboard').waitFor();
      expect(Number(await page.getByTestId('chart-budget').getAttribute('data-points'))).toBeGreaterThan(0);
      await screenshot(page, 'live-load');
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it('the security log shows console actions and verifies its chain; the kill-switch page lists the instances', { timeout: 120_000 }, async ({ db, admin }) => {
    const server = await startConsole(db);
    await admin.create({ name: 'Logged', kind: 'dso', scopes: ['patients:read'] });
    // the server's poller picks the change up (its instance then enforces the latest epoch)
    await server.server.identity.store.poll();
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.admin}/security-log`);
      await signIn(page, 'audrey');
      await page.getByText('Created console user audrey').waitFor();
      await page.getByTestId('verify-chain').click();
      await page.locator('[data-testid=chain-verdict][data-ok=true]').waitFor();
      expect(await page.getByTestId('chain-verdict').textContent()).toMatch(/^Chain intact: all \d+ rows verified/);
      await screenshot(page, 'security-log');
      await page.goto(`${server.admin}/kill-switch`);
      await page.getByTestId('instances').locator('tbody tr').first().waitFor();
      expect(await page.getByTestId('instances').locator('tbody tr').first().textContent()).toContain('yes, since');
      expect(await page.getByTestId('api-switch').isDisabled()).toBe(true);
      await screenshot(page, 'kill-switch');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
