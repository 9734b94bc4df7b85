import { randomUUID } from 'node:crypto';
import { createSecurityLog } from '../../src/audit/SecurityLog.js';
import { systemPrincipal } from '../../src/auth/Principal.js';
import { limitDefaultsOf } from '../../src/config/effectiveClientLimits.js';
import { parseConfig } from '../../src/config/loadConfig.js';
import { createRequestContextFactory } from '../../src/context.js';
import type { Db } from '../../src/db/createDb.js';
import { createWebhookPolicy } from '../../src/events/createWebhookPolicy.js';
import { createGateway } from '../../src/gateway/createGateway.js';
import { createKillSwitch } from '../../src/killSwitch/createKillSwitch.js';
import type { ClientsService } from '../../src/services/clients/clients.service.js';
import type { CreateClientInput } from '../../src/services/clients/types.js';
import { BENCH_AUDIT_KEY } from './startBenchServer.js';
import type { WebhooksService } from '../../src/services/webhooks/webhooks.service.js';

const READS = ['patients:read', 'schedule:read', 'clinical:read', 'billing:read', 'reports:read'];

/** One integration the benchmarks act as: its id and the Authorization header of its key. */
export interface BenchClient {
  id: number;
  name: string;
  headers: Record<string, string>;
}

export interface BenchClients {
  /** the practice's front desk: small lookups, the latency that must not suffer */
  frontDesk: BenchClient;
  /** the hostile reporting tool: wide reports and alias fan-out from many workers */
  reporting: BenchClient;
  /** a DSO writing appointments and payments */
  writer: BenchClient;
  /** the client the kill-switch scenario suspends (and resumes) */
  victim: BenchClient;
  /** the scan scenario's looping client: a cheap-looking scan that returns nothing */
  scanner: BenchClient;
  /** an ordinary dashboard whose trivial query is measured beside the scanner */
  neighbour: BenchClient;
  /** admin scope: switches the victim off through the admin API of one instance */
  admin: BenchClient;
  /** admin actions (suspend/resume) through the same service the CLI uses */
  service: ClientsService;
  /** webhook endpoints, through the same service as `chartgate webhooks` */
  webhooks: WebhooksService;
}

/**
 * Creates this run's clients through the clients service, acting as chartgate itself like the
 * `chartgate clients create` CLI; names carry the run's stamp so runs never collide.
 */
export async function createBenchClients(db: Db, stamp: string): Promise<BenchClients> {
  const contexts = createRequestContextFactory({
    db,
    admin: {
      gateway: createGateway(db),
      killSwitch: createKillSwitch({ db }),
      keyRotationGraceS: 86_400,
      limitDefaults: limitDefaultsOf(parseConfig({})),
      // the bench's receivers listen on loopback
      webhooks: createWebhookPolicy({ allowPrivate: true, secretGraceS: 86_400 }),
    },
    securityLog: createSecurityLog(Buffer.from(BENCH_AUDIT_KEY, 'utf8')),
  });
  const admin = contexts({ principal: systemPrincipal(), requestId: `bench-setup-${randomUUID()}` }).services;
  const service = admin.clients;
  const make = async (role: string, input: Omit<CreateClientInput, 'name'>): Promise<BenchClient> => {
    const name = `bench ${role} ${stamp}`;
    const { client, key } = await service.create({ name, vendor: 'chartgate benchmarks', ...input });
    return { id: client.id, name, headers: { authorization: `Bearer ${key.key}` } };
  };
  return {
    // interactive, with the whole reporting pool (4 by default) as its share: the overhead scenario compares it with the governor off
    frontDesk: await make('front desk', { kind: 'internal', mode: 'measure', scopes: READS, limits: { maxConnections: 4 } }),
    reporting: await make('reporting', { kind: 'dashboard', scopes: READS }),
    // measure mode: the scenario measures the write path, not the budget (mutations cost 10 each)
    writer: await make('writer', { kind: 'dso', mode: 'measure', scopes: [...READS, 'schedule:write', 'billing:write', 'patients:write', 'clinical:write'] }),
    victim: await make('victim', { kind: 'dashboard', scopes: READS }),
    scanner: await make('scanner', { kind: 'dashboard', scopes: READS }),
    neighbour: await make('neighbour', { kind: 'dashboard', scopes: READS }),
    admin: await make('admin', { kind: 'internal', mode: 'measure', scopes: ['admin', ...READS] }),
    service,
    webhooks: admin.webhooks,
  };
}
