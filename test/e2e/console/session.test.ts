import { describe, expect } from 'vitest';
import { harness, matrix } from '../../harness/harness.js';
import { launchBrowser } from './support/launchBrowser.js';
import { screenshot, signIn, startConsole } from './support/startConsole.js';

const SUSPEND = 'mutation ($id: ID!) { suspendClient(input: { clientId: $id, reason: "from the page" }) { client { status } } }';

describe.each(matrix())('[%s] console in Chromium: signing in, sessions and roles', (_name, dialect) => {
  const it = harness(dialect);

  it(
    'log in: a wrong password is refused in plain words; an expired session goes back to the sign-in and then to the same page',
    { timeout: 120_000 },
    async ({ db }) => {
      const server = await startConsole(db);
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.admin}/`);
        await screenshot(page, 'login');
        await page.locator('#userName').fill('lead');
        await page.locator('#password').fill('not my password');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByTestId('error-notice').waitFor();
        expect(await page.getByTestId('error-notice').textContent()).toContain('Wrong user name or password');
        await signIn(page, 'lead');
        expect(await page.getByTestId('who').textContent()).toBe('lead · Technical Lead');
        await page.getByTestId('connections').waitFor();
        await screenshot(page, 'connections');

        // the session ends while the person is on the integration log, filtered
        await page.goto(`${server.admin}/log?code=FORBIDDEN`);
        await page.getByRole('heading', { name: 'Integration log' }).waitFor();
        await page.waitForLoadState('networkidle');
        await db.admin.updateTable('gw_admin_session').set({ expires_at: '2000-01-01 00:00:00' }).execute();
        await page.getByTestId('apply-filters').click();
        await page.getByTestId('session-ended').waitFor();
        expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/admin/log?code=FORBIDDEN');
        await signIn(page, 'lead');
        await page.getByRole('heading', { name: 'Integration log' }).waitFor();
        expect(await page.locator('#f-code').inputValue()).toBe('FORBIDDEN');
        expect(browser.external).toEqual([]);
      } finally {
        await browser.close();
        await server.close();
      }
    },
  );

  it('an Auditor cannot suspend: the console refuses it in words and the server refuses it too', { timeout: 120_000 }, async ({ db, admin }) => {
    const server = await startConsole(db);
    const { client } = await admin.create({ name: 'Watched', kind: 'dashboard', scopes: ['patients:read'] });
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.admin}/clients/${client.id}`);
      await signIn(page, 'audrey');
      await page.getByTestId('kill-switch').waitFor();
      expect(await page.getByTestId('suspend').isDisabled()).toBe(true);
      expect(await page.getByTestId('refusal').textContent()).toContain('read-only');
      // the same request the button would send, from the Auditor's own session
      const answer = await page.evaluate(
        async ({ query, id }) => {
          const csrf = decodeURIComponent(
            document.cookie
              .split('; ')
              .find((c) => c.startsWith('cg_console_csrf='))!
              .split('=')[1],
          );
          const res = await fetch('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
            body: JSON.stringify({ query, variables: { id } }),
          });
          return { status: res.status, body: await res.json() };
        },
        { query: SUSPEND, id: String(client.id) },
      );
      expect(answer.status).toBe(403);
      expect(answer.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', missingScopes: ['admin'] });
      expect((await admin.get(client.id)).status).toBe('active');

      // a Technical Lead on the console's users: refused in the page, by the server's answer
      await page.getByRole('button', { name: 'Sign out' }).click();
      await signIn(page, 'lead');
      await page.goto(`${server.admin}/admins`);
      await page.getByTestId('refusal').waitFor();
      await page.getByTestId('error-notice').waitFor();
      expect(await page.getByTestId('error-notice').textContent()).toContain('needs admin:users');
      expect(await page.getByTestId('error-notice').getAttribute('data-code')).toBe('FORBIDDEN');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await signIn(page, 'sysadmin');
      await page.goto(`${server.admin}/admins`);
      await page.getByTestId('admin-users').waitFor();
      await page.locator('#a-userName').fill('newcomer');
      await page.locator('#a-password').fill('short');
      await page.getByRole('button', { name: 'Create user' }).click();
      await page.getByTestId('error-a-password').waitFor();
      expect(await page.getByTestId('error-a-password').textContent()).toContain('at least 12 characters');
      await screenshot(page, 'console-users');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
