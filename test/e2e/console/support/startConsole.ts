import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ConfigInput } from '../../../../src/config/Config.js';
import type { Db } from '../../../../src/db/Db.js';
import { packageRoot } from '../../../../src/lib/packageRoot.js';
import { startServer, type StartedServer } from '../../../harness/harness.js';
import { seedIdentityBasics } from '../../../integration/auth/identityFixture.js';
import { createAdmin, PASSWORD } from '../../../integration/console/consoleFixture.js';

export interface ConsoleServer extends StartedServer {
  /** http://127.0.0.1:<port>/admin */
  admin: string;
}

/**
 * A listening chartgate on `db` with three console users (sysadmin, lead, audrey: one per role),
 * two clinics and the integration log flushed every 100 ms, so the console shows requests promptly.
 */
export async function startConsole(db: Db, config: ConfigInput = {}): Promise<ConsoleServer> {
  await seedIdentityBasics(db);
  await createAdmin(db, 'sysadmin', 'system-administrator');
  await createAdmin(db, 'lead', 'technical-lead');
  await createAdmin(db, 'audrey', 'auditor');
  const started = await startServer(db, { config: { ...config, auth: { requestLogFlushMs: 100, ...config.auth } } });
  return { ...started, admin: `${started.base}/admin` };
}

/** Signs in on the page shown (the sign-in replaces whatever page was asked for) and waits for the console. */
export async function signIn(page: Page, userName: string, password = PASSWORD): Promise<void> {
  await page.locator('#userName').fill(userName);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who').waitFor();
}

/** A screenshot of a main screen: into docs/console/ for docs/console.md with CONSOLE_SCREENSHOTS=1, else a temporary directory (a test run never changes the tree). */
export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(process.env.CONSOLE_SCREENSHOTS === '1' ? join(packageRoot(), 'docs', 'console') : tmpdir(), `${name}.png`), fullPage: true });

/** One GraphQL request with an API key, from this machine (as an integration would send it). */
export async function asClient(url: string, key: string, query: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: await res.json() };
}
