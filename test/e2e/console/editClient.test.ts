import { describe, expect } from 'vitest';
import { buildSchema } from '../../../src/schema/buildSchema.js';
import { resolvers } from '../../../resolvers/index.js';
import { harness, matrix } from '../../harness/harness.js';
import { launchBrowser } from './support/launchBrowser.js';
import { signIn, startConsole } from './support/startConsole.js';

// client editing arrives with the admin API's updateClient mutation; until this chartgate offers it the form is read-only
const mutations = buildSchema(resolvers).getMutationType()?.getFields() ?? {};
const offersUpdateClient = mutations.updateClient !== undefined && mutations.deleteClient !== undefined;

describe.each(matrix())('[%s] console in Chromium: editing a client', (_name, dialect) => {
  const it = harness(dialect);

  it.runIf(offersUpdateClient)(
    'the settings form saves through updateClient, shows the server’s message next to the field, and deletes through deleteClient',
    { timeout: 120_000 },
    async ({ db, admin }) => {
      const server = await startConsole(db);
      const { client } = await admin.create({ name: 'Editable', kind: 'dashboard', scopes: ['patients:read'] });
      await server.server.identity.store.poll();
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.admin}/clients/${client.id}`);
        await signIn(page, 'lead');
        const form = page.getByTestId('edit-client');
        await form.getByRole('button', { name: 'Save changes' }).waitFor();
        await form.getByRole('checkbox', { name: 'schedule:read' }).check();
        await form.locator('#ips').fill('10.0.0.300');
        await form.getByRole('button', { name: 'Save changes' }).click();
        await form.getByTestId('error-ips').waitFor();
        expect(await form.getByTestId('error-ips').textContent()).toContain('10.0.0.300');
        expect((await admin.get(client.id)).scopes).toEqual(['patients:read']);
        await form.locator('#ips').fill('127.0.0.1');
        await form.getByRole('button', { name: 'Save changes' }).click();
        await form.getByText('Saved.').waitFor();
        const saved = await admin.get(client.id);
        expect([...saved.scopes].sort()).toEqual(['patients:read', 'schedule:read']);
        expect(saved.ipAllowList).toEqual(['127.0.0.1']);
        expect(saved.name).toBe('Editable');

        // deleting: one click, a confirmation; the client leaves the connections and its key stops working
        await form.getByTestId('delete-client').click();
        await page.getByTestId('confirm').click();
        await page.getByTestId('connections').waitFor();
        expect(await page.getByTestId('connections').getByText('Editable').count()).toBe(0);
        expect((await admin.get(client.id)).status).toBe('deleted');
      } finally {
        await browser.close();
        await server.close();
      }
    },
  );

  it('the settings form shows the client as it is, read-only where the API offers no updateClient', { timeout: 120_000 }, async ({ db, admin }) => {
    const server = await startConsole(db);
    const { client } = await admin.create({ name: 'Shown', kind: 'dso', scopes: ['patients:read', 'schedule:write'] });
    await server.server.identity.store.poll();
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.admin}/clients/${client.id}`);
      await signIn(page, 'lead');
      const form = page.getByTestId('edit-client');
      await form.locator('#name').waitFor();
      expect(await form.locator('#name').inputValue()).toBe('Shown');
      expect(await form.getByRole('checkbox', { name: 'schedule:write' }).isChecked()).toBe(true);
      // with updateClient the form is editable; without it, it says so and every field is disabled
      expect(await form.locator('#name').isDisabled()).toBe(!offersUpdateClient);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
