import { describe, expect } from 'vitest';
import { harness, matrix } from '../../harness/harness.js';
import { launchBrowser } from './support/launchBrowser.js';
import { signIn, startConsole } from './support/startConsole.js';

const LOADS = 10;
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

describe.each(matrix())('[%s] console in Chromium: first load', (name, dialect) => {
  const it = harness(dialect);

  // prints the figures (speed is not asserted in tests); what it asserts is that each cold load works offline
  it(`loads the console ${LOADS} times with an empty cache and prints the median`, { timeout: 180_000 }, async ({ db }) => {
    const server = await startConsole(db);
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      const cold = async (url: string, ready: () => Promise<void>) => {
        await cdp.send('Network.clearBrowserCache');
        const t0 = performance.now();
        await page.goto(url);
        await ready();
        return performance.now() - t0;
      };
      const signInPage: number[] = [];
      for (let i = 0; i < LOADS; i++) signInPage.push(await cold(`${server.admin}/`, () => page.locator('#userName').waitFor()));
      await signIn(page, 'lead');
      const connections: number[] = [];
      for (let i = 0; i < LOADS; i++) connections.push(await cold(`${server.admin}/`, () => page.getByTestId('connections').waitFor()));
      console.log(
        `[${name}] console first load, empty cache, p50 of ${LOADS}: ${p50(signInPage).toFixed(0)} ms to the sign-in form, ${p50(connections).toFixed(0)} ms signed in to the Connections table`,
      );
      expect(signInPage).toHaveLength(LOADS);
      expect(browser.external).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
