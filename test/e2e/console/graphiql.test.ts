import { describe, expect } from 'vitest';
import { harness, matrix } from '../../harness/harness.js';
import { launchBrowser } from './support/launchBrowser.js';
import { screenshot, startConsole } from './support/startConsole.js';

describe.each(matrix())('[%s] the offline IDE in Chromium', (_name, dialect) => {
  const it = harness(dialect);

  it('GraphiQL loads with no network, takes an API key, loads the schema and runs a query', { timeout: 120_000 }, async ({ db, admin }) => {
    const server = await startConsole(db);
    const { key } = await admin.create({ name: 'IDE user', kind: 'internal', scopes: ['patients:read', 'schedule:read'], allowIntrospection: true });
    // the server learns of a client created elsewhere at its next poll: trigger it
    await server.server.identity.store.poll();
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.base}/graphql`);
      await page.locator('input[name=apiKey]').fill(key.key);
      await page.getByRole('button', { name: 'Use key' }).click();
      await page.getByTestId('ide-key-state').getByText(`key ${key.prefix}`).waitFor();
      // the schema loads through the key (its client is granted introspection)
      await page
        .getByTestId('ide-schema')
        .getByText(/schema loaded \(\d+ types\)/)
        .waitFor();
      expect(Number(await page.getByTestId('ide-schema').getAttribute('data-types'))).toBeGreaterThan(50);
      // the editor holds the default query once Monaco has started (slower on a busy machine)
      await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('viewer'), null, { timeout: 60_000 });
      await page.locator('.graphiql-execute-button').click();
      // Monaco renders spaces as no-break spaces
      await page.waitForFunction(() =>
        document
          .querySelector('.graphiql-response')
          ?.textContent?.replace(/\u00a0/g, ' ')
          .includes('"name": "IDE user"'),
      );
      expect(await page.locator('.graphiql-response').textContent()).toContain('patients:read');
      // the schema came through: the documentation explorer lists the root types
      await page.getByRole('button', { name: /Documentation Explorer/ }).click();
      await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();
      await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
      await page.locator('.graphiql-doc-explorer').getByText('appointments', { exact: true }).first().waitFor();
      await screenshot(page, 'graphiql');
      expect(browser.external).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
