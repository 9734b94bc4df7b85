import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from '../db/createDb.js';
import { createSqlRunner } from '../db/SqlRunner.js';
import { systemPrincipal } from '../auth/Principal.js';
import { parseApiKey } from '../auth/apiKeyFormat.js';
import { secretMatches } from '../auth/hashSecret.js';
import { createClientsService } from '../services/clients/clients.service.js';
import type { CreateClientInput } from '../services/clients/types.js';
import { toSqlDateTime } from '../lib/dates.js';

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
export async function ensureDemoClients(db: Db, keysFile: string): Promise<DemoClient[]> {
  const runner = createSqlRunner(db, { clientId: 0, requestId: 'demo-clients' });
  const service = createClientsService({ db, runner, principal: systemPrincipal(), requestId: 'demo-clients', clock: () => new Date() });
  const saved: Record<string, { clientId: number; key: string }> = existsSync(keysFile) ? JSON.parse(readFileSync(keysFile, 'utf8')) : {};
  const clinics = await runner.readInteractive('demo.clinics', db.interactive.selectFrom('clinic').select('ClinicNum').orderBy('ClinicNum').limit(2));
  const firstClinics = clinics.map((c) => Number(c.ClinicNum));
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
      const stillValid = await keyStillValid(db, runner, clientId, parts);
      key = stillValid && remembered ? remembered.key : (await service.rotateKey(clientId, 0)).key.key;
    }
    const client = await service.get(clientId);
    out.push({ role, clientId, name: client.name, key, scopes: client.scopes, clinicIds: client.clinicIds });
  }
  mkdirSync(dirname(keysFile), { recursive: true });
  writeFileSync(keysFile, `${JSON.stringify(Object.fromEntries(out.map((c) => [c.role, { clientId: c.clientId, key: c.key }])), null, 2)}\n`, { mode: 0o600 });
  return out;
}

async function keyStillValid(db: Db, runner: ReturnType<typeof createSqlRunner>, clientId: number, parts: { prefix: string; secret: string } | null): Promise<boolean> {
  if (!parts) return false;
  const rows = await runner.readInteractive(
    'demo.key',
    db.interactive.selectFrom('gw_api_key').select(['secret_hash', 'expires_at', 'revoked_at']).where('client_id', '=', clientId).where('prefix', '=', parts.prefix),
  );
  const row = rows[0];
  const now = toSqlDateTime(new Date());
  return !!row && !row.revoked_at && (!row.expires_at || row.expires_at > now) && secretMatches(parts.secret, row.secret_hash);
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
    lines.push(`  ${c.role.padEnd(9)} client ${c.clientId} "${c.name}"  scopes: ${c.scopes.join(' ')}${c.clinicIds ? `  clinics: ${c.clinicIds.join(', ')}` : ''}`);
    lines.push(`            key: ${c.key}`);
    lines.push(`            curl -s ${url}/graphql -H 'content-type: application/json' -H 'authorization: Bearer ${c.key}' -d '${JSON.stringify({ query: queries[c.role] })}'`);
  }
  return lines;
}
