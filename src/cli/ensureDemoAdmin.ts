import { randomBytes } from 'node:crypto';
import type { Services } from '../services/createServices.js';

/** The demo's console user; 'Admin' is already the demo practice's own user. */
export const DEMO_ADMIN_NAME = 'console-admin';

/**
 * On the embedded demo's first start (no console user yet): a System Administrator with a random
 * password, returned so the banner prints it once. It is never stored in plaintext; later starts
 * return null.
 */
export async function ensureDemoAdmin(services: Pick<Services, 'admins'>): Promise<{ userName: string; password: string } | null> {
  if ((await services.admins.list()).length > 0) return null;
  const password = randomBytes(15).toString('base64url');
  await services.admins.create({ userName: DEMO_ADMIN_NAME, role: 'system-administrator', password });
  return { userName: DEMO_ADMIN_NAME, password };
}
