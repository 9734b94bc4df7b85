import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CreateClientInput } from '../gateway/clients/types.js';
import { parseApiKey } from '../lib/apiKeyFormat.js';
import type { Services } from '../services/createServices.js';

const READS = ['patients:read', 'schedule:read', 'clinical:read', 'billing:read', 'reports:read'];
const WRITES = ['patients:write', 'schedule:write', 'clinical:write', 'billing:write'];

export interface DemoClient {
  readonly role: 'dashboard' | 'dso' | 'admin';
  readonly clientId: number;
  readonly name: string;
  readonly key: string;
  readonly scopes: readonly string[];
  readonly clinicIds: readonly number[] | null;
}

/**
 * The demo's three clients on the embedded database: a read-only dashboard, a DSO with read and
 * write scopes limited to the first two clinics, and an admin. Their keys' plaintext is kept in
 * `keysFile` (DEMO ONLY: a real deployment never stores a key) so every restart prints usable keys.
 */
export async function ensureDemoClients(services: Pick<Services, 'clients' | 'practice'>, keysFile: string): Promise<DemoClient[]> {
  const service = services.clients;
  const saved: Record<string, { clientId: number; key: string }> = existsSync(keysFile) ? JSON.parse(readFileSync(keysFile, 'utf8')) : {};
  const firstClinics = (await services.practice.listClinics({ includeHidden: true })).slice(0, 2).map((c) => c.id);
  const specs: Array<{ role: DemoClient['role']; input: CreateClientInput }> = [
    { role: 'dashboard', input: { name: 'Demo dashboard', vendor: 'demo', kind: 'dashboard', scopes: READS, allowIntrospection: true } },
    { role: 'dso', input: { name: 'Demo DSO', vendor: 'demo', kind: 'dso', scopes: [...READS, ...WRITES], clinicIds: firstClinics, allowIntrospection: true } },
    { role: 'admin', input: { name: 'Demo admin', vendor: 'demo', kind: 'internal', scopes: ['admin', 'audit:read', ...READS], allowIntrospection: true } },
  ];
  const existing = await service.list();
  const out: DemoClient[] = [];
  for (const { role, input } of specs) {
    const found = existing.find((c) => c.name === input.name && c.vendor === 'demo');
    let clientId: number;
    let key: string;
    if (!found) {
      const created = await service.create(input);
      clientId = created.client.id;
      key = created.key.key;
    } else {
      clientId = found.id;
      const remembered = saved[role];
      const parts = remembered ? parseApiKey(remembered.key) : null;
      const stillValid = parts !== null && (await service.keyIsLive(clientId, parts));
      key = stillValid && remembered ? remembered.key : (await service.rotateKey(clientId, 0)).key.key;
    }
    const client = await service.get(clientId);
    out.push({ role, clientId, name: client.name, key, scopes: client.scopes, clinicIds: client.clinicIds });
  }
  mkdirSync(dirname(keysFile), { recursive: true });
  writeFileSync(keysFile, `${JSON.stringify(Object.fromEntries(out.map((c) => [c.role, { clientId: c.clientId, key: c.key }])), null, 2)}\n`, { mode: 0o600 });
  return out;
}

/** The lines `npm start` prints for each demo client. */
export function describeDemoClients(clients: readonly DemoClient[], url: string): string[] {
  const lines = ['Demo clients (keys kept in the data directory for the demo only):'];
  const queries: Record<DemoClient['role'], string> = {
    dashboard: '{ viewer { client { name } scopes } appointments(first: 3) { edges { node { id scheduledAt status } } } }',
    dso: '{ viewer { client { name } scopes clinics } patients(first: 3) { edges { node { id firstName lastName } } } }',
    admin: '{ clients { id name kind status scopes } integrationLog(first: 5) { edges { node { clientId operationName status errorCode durationMs } } } }',
  };
  for (const c of clients) {
    lines.push(
      `  ${c.role.padEnd(9)} client ${c.clientId} "${c.name}"  scopes: ${c.scopes.join(' ')}${c.clinicIds ? `  clinics: ${c.clinicIds.join(', ')}` : ''}`,
    );
    lines.push(`            key: ${c.key}`);
    lines.push(
      `            curl -s ${url}/graphql -H 'content-type: application/json' -H 'authorization: Bearer ${c.key}' -d '${JSON.stringify({ query: queries[c.role] })}'`,
    );
  }
  return lines;
}
