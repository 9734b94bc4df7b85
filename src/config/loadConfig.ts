import { isAbsolute, join, resolve } from 'node:path';
import { configSchema, type Config, type ConfigInput } from './Config.js';
import { packageRoot } from '../lib/packageRoot.js';

/**
 * Every environment variable chartgate reads, and where it lands in Config. This file is the
 * only place in the code base that touches process.env. Defaults live in Config.ts.
 */
export const ENV_VARS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  NODE_ENV: ['env'],
  LOG_LEVEL: ['logLevel'],
  PORT: ['http', 'port'],
  HOST: ['http', 'host'],
  BODY_LIMIT_BYTES: ['http', 'bodyLimitBytes'],
  SHUTDOWN_GRACE_MS: ['http', 'shutdownGraceMs'],
  HTTP_REQUEST_TIMEOUT_MS: ['http', 'requestTimeoutMs'],
  HTTP_HEADERS_TIMEOUT_MS: ['http', 'headersTimeoutMs'],
  HTTP_KEEP_ALIVE_TIMEOUT_MS: ['http', 'keepAliveTimeoutMs'],
  HTTP_MAX_HEADER_BYTES: ['http', 'maxHeaderBytes'],
  METRICS_PORT: ['metrics', 'port'],
  METRICS_HOST: ['metrics', 'host'],
  AUDIT_KEY: ['audit', 'key'],
  DATABASE_URL: ['db', 'url'],
  SQLITE_FILE: ['db', 'sqliteFile'],
  READ_REPLICA_URL: ['db', 'readReplicaUrl'],
  READ_DATABASE_URL: ['db', 'readUrl'],
  DB_POOL_INTERACTIVE: ['db', 'poolInteractive'],
  DB_POOL_REPORTING: ['db', 'poolReporting'],
  DB_REPORTING_QUEUE: ['db', 'reportingQueue'],
  READ_REPLICA_RETRY_MS: ['db', 'replicaRetryMs'],
  SEED_SCALE: ['seed', 'scale'],
  AUTH_TOKEN_SECRET: ['auth', 'tokenSecret'],
  AUTH_TOKEN_TTL_S: ['auth', 'tokenTtlS'],
  TRUSTED_PROXIES: ['auth', 'trustedProxies'],
  KEY_ROTATION_GRACE_S: ['auth', 'keyRotationGraceS'],
  AUTH_POLL_MS: ['auth', 'pollMs'],
  AUTH_LAST_USE_FLUSH_MS: ['auth', 'lastUseFlushMs'],
  REQUEST_LOG_ENABLED: ['auth', 'requestLogEnabled'],
  REQUEST_LOG_FLUSH_MS: ['auth', 'requestLogFlushMs'],
  REQUEST_LOG_BATCH: ['auth', 'requestLogBatch'],
  REQUEST_LOG_RETENTION_DAYS: ['auth', 'requestLogRetentionDays'],
  DEMO_CLIENTS: ['auth', 'demoClients'],
  GOVERNOR_ENABLED: ['governor', 'enabled'],
  GOVERNOR_MODE: ['governor', 'mode'],
  GOVERNOR_MAX_TOKENS: ['governor', 'maxTokens'],
  GOVERNOR_MAX_VALIDATION_ERRORS: ['governor', 'maxValidationErrors'],
  GOVERNOR_MAX_DEPTH: ['governor', 'maxDepth'],
  GOVERNOR_MAX_ALIASES: ['governor', 'maxAliases'],
  GOVERNOR_MAX_ROOT_FIELDS: ['governor', 'maxRootFields'],
  GOVERNOR_MAX_DIRECTIVES: ['governor', 'maxDirectives'],
  GOVERNOR_MAX_RECURSION: ['governor', 'maxRecursion'],
  GOVERNOR_MAX_INTROSPECTION_DEPTH: ['governor', 'maxIntrospectionDepth'],
  GOVERNOR_MAX_INPUT_LIST: ['governor', 'maxInputList'],
  GOVERNOR_MAX_COST: ['governor', 'maxCost'],
  GOVERNOR_MAX_EXPANDED_SELECTIONS: ['governor', 'maxExpandedSelections'],
  GOVERNOR_BUDGET_MAX: ['governor', 'budgetMaximum'],
  GOVERNOR_BUDGET_RESTORE: ['governor', 'budgetRestorePerSecond'],
  GOVERNOR_MAX_IN_FLIGHT: ['governor', 'maxInFlight'],
  GOVERNOR_STATEMENT_TIMEOUT_MS: ['governor', 'statementTimeoutMs'],
  GOVERNOR_DB_POINTS_PER_MS: ['governor', 'dbPointsPerMs'],
  GOVERNOR_CLIENT_CONNECTIONS: ['governor', 'clientConnections'],
  GOVERNOR_QUEUE_WAIT_MS: ['governor', 'queueWaitMs'],
  GOVERNOR_ADAPTIVE_LIMIT: ['governor', 'adaptiveLimit'],
  GOVERNOR_LIMIT_TOLERANCE: ['governor', 'limitTolerance'],
  GOVERNOR_SHARE_REPORTING: ['governor', 'shareReporting'],
  GOVERNOR_SHARE_BULK: ['governor', 'shareBulk'],
  GOVERNOR_BULK_SHED_STRAIN: ['governor', 'bulkShedStrain'],
  GOVERNOR_REFUSAL_HOLD_MS: ['governor', 'refusalHoldMs'],
  GOVERNOR_STRAIN_INTERVAL_MS: ['governor', 'strainIntervalMs'],
  GOVERNOR_STRAIN_THREADS: ['governor', 'strainThreads'],
  GOVERNOR_STRAIN_CANARY_MS: ['governor', 'strainCanaryMs'],
  GOVERNOR_STRAIN_LAG_S: ['governor', 'strainLagS'],
  REDIS_URL: ['governor', 'redisUrl'],
  GOVERNOR_REDIS_FAILURE: ['governor', 'redisFailure'],
  GOVERNOR_INFLIGHT_LEASE_MS: ['governor', 'inFlightLeaseMs'],
  IDEMPOTENCY_RETENTION_HOURS: ['idempotency', 'retentionHours'],
  IDEMPOTENCY_LEASE_MS: ['idempotency', 'leaseMs'],
  IDEMPOTENCY_WAIT_MS: ['idempotency', 'waitMs'],
  WEBHOOKS_DISPATCHER_ENABLED: ['webhooks', 'dispatcherEnabled'],
  WEBHOOKS_DISPATCHER_THREAD: ['webhooks', 'dispatcherThread'],
  WEBHOOKS_THREAD_NICE: ['webhooks', 'threadNice'],
  WEBHOOKS_ALLOW_PRIVATE: ['webhooks', 'allowPrivate'],
  WEBHOOKS_POLL_MS: ['webhooks', 'pollMs'],
  WEBHOOKS_TIMEOUT_MS: ['webhooks', 'timeoutMs'],
  WEBHOOKS_ENDPOINT_CONCURRENCY: ['webhooks', 'endpointConcurrency'],
  WEBHOOKS_MAX_IN_FLIGHT: ['webhooks', 'maxInFlight'],
  WEBHOOKS_DISABLE_AFTER_S: ['webhooks', 'disableAfterS'],
  WEBHOOKS_SECRET_GRACE_S: ['webhooks', 'secretGraceS'],
  EVENTS_RETENTION_DAYS: ['webhooks', 'retentionDays'],
  CONSOLE_SESSION_TTL_S: ['console', 'sessionTtlS'],
  CONSOLE_SESSION_IDLE_S: ['console', 'sessionIdleS'],
  CONSOLE_LOGIN_MAX_FAILURES: ['console', 'loginMaxFailures'],
  CONSOLE_LOGIN_MAX_FAILURES_PER_IP: ['console', 'loginMaxFailuresPerIp'],
  CONSOLE_LOGIN_WINDOW_S: ['console', 'loginWindowS'],
  CONSOLE_LOGIN_FAILURE_DELAY_MS: ['console', 'loginFailureDelayMs'],
  INSTANCE_HEARTBEAT_MS: ['console', 'instanceHeartbeatMs'],
  DEMO_ADMIN: ['console', 'demoAdmin'],
});

/** Thrown when the environment does not parse; the message names each bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment (default process.env) into a frozen Config; throws ConfigError. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const [name, path] of Object.entries(ENV_VARS)) {
    const value = env[name];
    // an empty variable means "unset" so `PORT= npm start` falls back to the default
    if (value === undefined || value.trim() === '') continue;
    setPath(raw, path, value.trim());
  }
  // the embedded database lives in chartgate's own directory, wherever the command runs from;
  // a relative SQLITE_FILE is the operator's, relative to where they are
  const db = (raw.db ??= {}) as Record<string, unknown>;
  db.sqliteFile =
    typeof db.sqliteFile === 'string' ? (isAbsolute(db.sqliteFile) ? db.sqliteFile : resolve(db.sqliteFile)) : join(packageRoot(), 'data', 'chartgate.sqlite');
  return parseConfig(raw as ConfigInput);
}

/** Builds a Config from an object (tests and embedding); same validation and freezing. */
export function parseConfig(input: ConfigInput = {}): Config {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const byPath = new Map(Object.entries(ENV_VARS).map(([name, path]) => [path.join('.'), name]));
    throw new ConfigError(parsed.error.issues.map((i) => `${byPath.get(i.path.join('.')) ?? i.path.join('.')}: ${i.message}`));
  }
  return deepFreeze(parsed.data);
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]] = value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
