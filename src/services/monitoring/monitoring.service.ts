import type { SecurityLogVerdict } from '../../audit/verifySecurityLog.js';
import type { InstanceView } from '../../gateway/instances/createInstanceStore.js';
import type { StoredOperation } from '../../gateway/operations/types.js';
import type { LoadPoint } from '../../gateway/requestLog/selectLoadSeries.js';
import type { ClientTraffic } from '../../gateway/requestLog/selectTraffic.js';
import { sqlDateTimeToIso, toSqlDateTime } from '../../lib/dates.js';
import { badInput, DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import type { AdminDeps } from '../clients/ClientsDeps.js';
import type { RequestLogEntry } from '../clients/types.js';
import { requireScope } from '../requireScope.js';
import type { ServiceDeps } from '../ServiceDeps.js';

export interface LoadSeries {
  /** ISO 8601 UTC start of the first minute */
  since: string;
  minutes: number;
  points: Array<Omit<LoadPoint, 'minute'> & { at: string }>;
  /** each client in the series: its cost budget now */
  budgets: Array<{ clientId: number; available: number; maximum: number; restorePerSecond: number }>;
}

export interface IdentityStatus {
  /** the epoch every instance should enforce */
  epoch: string;
  changedAt: string | null;
  instances: Array<InstanceView & { live: boolean; current: boolean }>;
  /** every live instance enforces the current epoch */
  honoured: boolean;
}

const HOUR_MS = 3_600_000;

/**
 * What the console watches: traffic per client, the live load series, each instance's identity
 * epoch (has every instance honoured a kill switch?), certified operations and the security log's
 * chain check. Reads only: `admin:read`, and `audit:read` for the chain.
 */
export function createMonitoringService(deps: ServiceDeps & AdminDeps) {
  const reader = () => requireScope(deps.principal, 'admin:read');
  const heartbeatMs = deps.instanceHeartbeatMs ?? 5000;
  // one grouped statement per request however many clients ask for their last hour
  let traffic: Promise<Map<number, ClientTraffic>> | undefined;

  return {
    async trafficOf(clientId: number): Promise<{ requests: number; errors: number; lastRequestAt: string | null }> {
      reader();
      traffic ??= deps.gateway.requestLog
        .traffic(toSqlDateTime(new Date(deps.clock().getTime() - HOUR_MS)))
        .then((rows) => new Map(rows.map((r) => [r.clientId, r])));
      const t = (await traffic).get(clientId);
      return { requests: t?.requests ?? 0, errors: t?.errors ?? 0, lastRequestAt: t?.lastAt ? sqlDateTimeToIso(t.lastAt) : null };
    },
    async lastRequest(clientId: number): Promise<RequestLogEntry | null> {
      reader();
      return (await deps.gateway.requestLog.list({ clientId }, 1)).entries[0] ?? null;
    },
    /** Per minute and client over the last `minutes` (1 to 120), with each client's budget now. */
    async loadSeries(minutes: number): Promise<LoadSeries> {
      reader();
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 120) throw badInput('minutes must be 1 to 120', 'minutes', { minimum: 1, maximum: 120 });
      const now = deps.clock().getTime();
      const since = toSqlDateTime(new Date(Math.floor(now / 60_000) * 60_000 - (minutes - 1) * 60_000));
      const points = await deps.gateway.requestLog.series(since);
      const clientIds = [...new Set(points.map((p) => p.clientId))].filter((id) => id > 0);
      const budgets = deps.budgetOf ? await Promise.all(clientIds.map(async (clientId) => ({ clientId, ...(await deps.budgetOf!(clientId)) }))) : [];
      return {
        since: sqlDateTimeToIso(since),
        minutes,
        points: points.map(({ minute, ...p }) => ({ ...p, at: sqlDateTimeToIso(`${minute}:00`) })),
        budgets,
      };
    },
    /** Every instance's epoch against the current one; `live` = reported within three heartbeats. */
    async identityStatus(): Promise<IdentityStatus> {
      reader();
      const [current, instances] = await Promise.all([deps.gateway.instances.currentEpoch(), deps.gateway.instances.list()]);
      const now = deps.clock().getTime();
      const judged = instances.map((i) => ({
        ...i,
        live: now - Date.parse(i.seenAt) <= 3 * Math.max(heartbeatMs, 1000),
        current: i.identityEpoch === current.epoch,
      }));
      return { ...current, instances: judged, honoured: judged.filter((i) => i.live).every((i) => i.current) };
    },
    async certifiedOperations(clientId: number): Promise<StoredOperation[]> {
      reader();
      return deps.gateway.operations.list({ clientId });
    },
    /** Walks the whole keyed chain and its signed head (audit:read). */
    async verifySecurityLog(): Promise<SecurityLogVerdict> {
      requireScope(deps.principal, 'audit:read');
      if (!deps.verifySecurityLog) throw new DomainError(ErrorCode.INTERNAL_SERVER_ERROR, 'This process cannot verify the security log (no audit key)');
      return deps.verifySecurityLog();
    },
  };
}

export type MonitoringService = ReturnType<typeof createMonitoringService>;
