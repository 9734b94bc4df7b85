import { z } from 'zod';
import { isValidCidr } from '../lib/ipAllowList.js';

/**
 * The shape of chartgate's configuration, with every default. loadConfig.ts maps environment
 * variables onto it (see ENV_VARS there); nothing else reads the environment.
 *
 * To add an option: add the field here (with its default and a one-line comment), add its
 * environment variable to ENV_VARS in loadConfig.ts, and add a row to the README's table.
 */

export const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** An on/off environment value: 1/0, true/false, yes/no, on/off (z.coerce.boolean would read "false" as true). */
const flag = () =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
    .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'on')
    .or(z.boolean());
const databaseUrl = z
  .string()
  .url()
  .refine((u) => /^(mysql|mariadb):\/\//i.test(u), 'must be a mysql:// or mariadb:// URL');

const httpSchema = z
  .object({
    /** PORT: TCP port of the HTTP server. Default 4000; 0 picks a free port. */
    port: int(0, 65535).default(4000),
    /** HOST: interface to bind. Default 127.0.0.1 (this machine only); set 0.0.0.0 in containers. */
    host: z.string().min(1).default('127.0.0.1'),
    /** BODY_LIMIT_BYTES: largest accepted request body; larger answers 413. Default 262144 (256 KiB). */
    bodyLimitBytes: int(1024, 64 * 1024 * 1024).default(256 * 1024),
    /** HTTP_REQUEST_TIMEOUT_MS: a request (headers and body) must arrive within this; else 408 and the socket closes. Default 30000. */
    requestTimeoutMs: int(10, 600_000).default(30_000),
    /** HTTP_HEADERS_TIMEOUT_MS: the headers must arrive within this; else 408 and the socket closes. Default 10000. */
    headersTimeoutMs: int(10, 600_000).default(10_000),
    /** HTTP_KEEP_ALIVE_TIMEOUT_MS: an idle keep-alive socket is closed after this. Default 5000. */
    keepAliveTimeoutMs: int(10, 600_000).default(5000),
    /** HTTP_MAX_HEADER_BYTES: largest request head (request line and headers); larger answers 431. Default 16384. */
    maxHeaderBytes: int(1024, 1024 * 1024).default(16 * 1024),
    /** SHUTDOWN_GRACE_MS: on SIGTERM/SIGINT, how long in-flight requests may run before their connections are cut. Default 10000. */
    shutdownGraceMs: int(0, 600_000).default(10_000),
  })
  // Node refuses a headers deadline later than the whole request's
  .superRefine((h, ctx) => {
    if (h.headersTimeoutMs > h.requestTimeoutMs) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['headersTimeoutMs'], message: 'must not be longer than HTTP_REQUEST_TIMEOUT_MS' });
    }
  });

const metricsSchema = z.object({
  /** METRICS_PORT: TCP port of the Prometheus endpoint (GET /metrics), never the public one. Default 9464; 0 picks a free port. */
  port: int(0, 65535).default(9464),
  /** METRICS_HOST: interface of the metrics endpoint. Default 127.0.0.1 (this machine only). */
  host: z.string().min(1).default('127.0.0.1'),
});

const auditSchema = z.object({
  /** AUDIT_KEY: the security log's HMAC key (32+ characters), kept outside the database. Required in production; default unset = a key generated once into audit.key next to the embedded database. */
  key: z.string().min(32).optional(),
});

const dbSchema = z.object({
  /** DATABASE_URL: mysql://user:pass@host:3306/db of the practice database. Default unset = embedded SQLite. */
  url: databaseUrl.optional(),
  /** SQLITE_FILE: the embedded database file, used when DATABASE_URL is unset. Default data/chartgate.sqlite in chartgate's own directory (a relative value is relative to the working directory). */
  sqliteFile: z.string().min(1).default('./data/chartgate.sqlite'),
  /** READ_REPLICA_URL: a replica for governed (reporting) reads. Default unset = the primary. */
  readReplicaUrl: databaseUrl.optional(),
  /** READ_DATABASE_URL: a SELECT-only account for the read (reporting) path (`chartgate db grants`). Default unset = DATABASE_URL's account. */
  readUrl: databaseUrl.optional(),
  /** DB_POOL_INTERACTIVE: connections for writes and small reads. Default 10. */
  poolInteractive: int(1, 1000).default(10),
  /** DB_POOL_REPORTING: connections for governed reads, capped so reads never starve writes. Default 4. */
  poolReporting: int(1, 1000).default(4),
  /** DB_REPORTING_QUEUE: reads allowed to wait for a reporting connection before OVERLOADED. Default 50. */
  reportingQueue: int(0, 100_000).default(50),
  /** READ_REPLICA_RETRY_MS: after the replica fails to connect, reads use the primary's reporting pool this long before trying it again. Default 5000. */
  replicaRetryMs: int(100, 600_000).default(5000),
});

/** Idempotency-Key records (gw_idempotency). */
const idempotencySchema = z.object({
  /** IDEMPOTENCY_RETENTION_HOURS: how long a key and its recorded outcome are kept; an older key counts as new. Default 24. */
  retentionHours: int(1, 24 * 90).default(24),
  /** IDEMPOTENCY_LEASE_MS: how long a running request holds its key; after a crash a retry takes the key over once this passes. Default 30000. */
  leaseMs: int(1000, 3_600_000).default(30_000),
  /** IDEMPOTENCY_WAIT_MS: how long a retry waits for the request holding its key before 409 CONFLICT. Default 10000. */
  waitMs: int(0, 600_000).default(10_000),
});

const seedSchema = z.object({
  /** SEED_SCALE: size of the demo practice `npm start` seeds into a new embedded database. Default demo. */
  scale: z.enum(['demo', 'small', 'medium', 'large']).default('demo'),
});

/** A comma-separated list (env) or an array (tests) of CIDRs / addresses; an invalid entry is named. */
const cidrList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s.length > 0))
  .superRefine((list, ctx) => {
    for (const entry of list) if (!isValidCidr(entry)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not an IPv4/IPv6 address or CIDR: ${entry}` });
  });

/** Identity: API keys, OAuth tokens, proxies, the kill-switch poller and the integration log. */
const authSchema = z.object({
  /** AUTH_TOKEN_SECRET: HS256 secret (32+ chars) signing OAuth access tokens; same on every instance. Default unset = a random one per process (dev only; a warning is logged). */
  tokenSecret: z.string().min(32).optional(),
  /** AUTH_TOKEN_TTL_S: lifetime of an OAuth access token in seconds. Default 900 (15 minutes). */
  tokenTtlS: int(30, 86_400).default(900),
  /** TRUSTED_PROXIES: comma-separated CIDRs whose X-Forwarded-For is believed. Default none (the header is ignored). */
  trustedProxies: cidrList.default([]),
  /** KEY_ROTATION_GRACE_S: how long a rotated-out key keeps working. Default 86400 (one day). */
  keyRotationGraceS: int(0, 90 * 86_400).default(86_400),
  /** AUTH_POLL_MS: how often each instance re-reads client status and the API switch (with REDIS_URL, suspensions also arrive at once by pub/sub). Default 100. */
  pollMs: int(50, 10_000).default(100),
  /** AUTH_LAST_USE_FLUSH_MS: how often keys' last-use times are written, in one batch. Default 5000. */
  lastUseFlushMs: int(100, 600_000).default(5000),
  /** REQUEST_LOG_ENABLED: write the integration log (one row per request). Default true. */
  requestLogEnabled: flag().default(true),
  /** REQUEST_LOG_FLUSH_MS: the integration log is written in batches this often. Default 250. */
  requestLogFlushMs: int(10, 60_000).default(250),
  /** REQUEST_LOG_BATCH: a batch is written early once this many rows wait. Default 500. */
  requestLogBatch: int(1, 10_000).default(500),
  /** REQUEST_LOG_RETENTION_DAYS: integration-log rows older than this are pruned. Default 30. */
  requestLogRetentionDays: int(1, 3650).default(30),
  /** DEMO_CLIENTS: create the three demo clients on the embedded database and print their keys. Default true (only with embedded SQLite). */
  demoClients: flag().default(true),
});

/** The query governor's global defaults; each client may override them in gw_client.limits (JSON). */
export const governorSchema = z.object({
  /** GOVERNOR_ENABLED: all guards on (limits, cost, budgets, in-flight caps, deadlines). Default true; off only for benchmarks. */
  enabled: flag().default(true),
  /** GOVERNOR_MODE: enforce (reject) or measure (report and log, never reject). Default enforce; per client in gw_client.mode. */
  mode: z.enum(['enforce', 'measure']).default('enforce'),
  /** GOVERNOR_MAX_TOKENS: parser token limit (graphql-js maxTokens), global. Default 5000. */
  maxTokens: int(100, 1_000_000).default(5000),
  /** GOVERNOR_MAX_VALIDATION_ERRORS: validation stops after this many errors. Default 5. */
  maxValidationErrors: int(1, 100).default(5),
  /** GOVERNOR_MAX_DEPTH: deepest selection. Default 12. */
  maxDepth: int(1, 100).default(12),
  /** GOVERNOR_MAX_ALIASES: aliases per operation. Default 30. */
  maxAliases: int(0, 10_000).default(30),
  /** GOVERNOR_MAX_ROOT_FIELDS: root fields per operation. Default 10. */
  maxRootFields: int(1, 1000).default(10),
  /** GOVERNOR_MAX_DIRECTIVES: directive uses per operation. Default 20. */
  maxDirectives: int(0, 10_000).default(20),
  /** GOVERNOR_MAX_RECURSION: a field nested inside itself at most this often. Default 3. */
  maxRecursion: int(1, 100).default(3),
  /** GOVERNOR_MAX_INTROSPECTION_DEPTH: longest `ofType` chain in an introspection selection, which is exempt from depth and recursion. Default 10 (graphql-js's standard query nests 9). */
  maxIntrospectionDepth: int(1, 100).default(10),
  /** GOVERNOR_MAX_INPUT_LIST: longest list in arguments and variables. Default 100. */
  maxInputList: int(1, 100_000).default(100),
  /** GOVERNOR_MAX_COST: static cost ceiling per operation. Default 5000. */
  maxCost: int(1, 10_000_000).default(5000),
  /** GOVERNOR_MAX_EXPANDED_SELECTIONS: selections after fragment expansion, checked before any walk. Default 20000. */
  maxExpandedSelections: int(100, 10_000_000).default(20_000),
  /** GOVERNOR_BUDGET_MAX: leaky-bucket size in cost points per client. Default 10000. */
  budgetMaximum: int(1, 100_000_000).default(10_000),
  /** GOVERNOR_BUDGET_RESTORE: points restored per second per client. Default 500. */
  budgetRestorePerSecond: int(1, 10_000_000).default(500),
  /** GOVERNOR_MAX_IN_FLIGHT: requests one client may have running at once. Default 8. */
  maxInFlight: int(1, 10_000).default(8),
  /** GOVERNOR_STATEMENT_TIMEOUT_MS: server-side deadline of each governed read. Default 5000. */
  statementTimeoutMs: int(50, 600_000).default(5000),
  /** GOVERNOR_DB_POINTS_PER_MS: cost points one millisecond of statement time costs; a request's actual cost is the larger of its objects and its database time (at the default budget a client may keep a tenth of one database core busy, and burst for 2 s). Default 5. */
  dbPointsPerMs: z.coerce.number().min(0).max(1000).default(5),
  /** GOVERNOR_CLIENT_CONNECTIONS: governed statements one client may run at once (its share of the reporting pool; more wait in chartgate). Default 2. */
  clientConnections: int(1, 1000).default(2),
  /** GOVERNOR_QUEUE_WAIT_MS: how long a governed statement may wait for a database slot before OVERLOADED. Default 2000. */
  queueWaitMs: int(10, 600_000).default(2000),
  /** GOVERNOR_ADAPTIVE_LIMIT: the number of concurrent governed statements follows the database's round-trip time (Gradient2); off = always the pool size. Default true. */
  adaptiveLimit: flag().default(true),
  /** GOVERNOR_LIMIT_TOLERANCE: how many times its usual round trip a statement may take before the limit shrinks. Default 2. */
  limitTolerance: z.coerce.number().min(1).max(100).default(2),
  /** GOVERNOR_SHARE_REPORTING: share of the concurrency limit reporting clients may hold together, shrinking with strain. Default 0.75. */
  shareReporting: z.coerce.number().min(0).max(1).default(0.75),
  /** GOVERNOR_SHARE_BULK: share bulk clients may hold together, shrinking with strain. Default 0.5. */
  shareBulk: z.coerce.number().min(0).max(1).default(0.5),
  /** GOVERNOR_REFUSAL_HOLD_MS: a client told to retry later that comes back early is held (at most this long) until its time, then runs or is refused before parsing; 0 = refuse at once. Default 1000. */
  refusalHoldMs: int(0, 60_000).default(1000),
  /** GOVERNOR_BULK_SHED_STRAIN: strain (0..1) at and above which bulk requests are refused before they start. Default 0.8. */
  bulkShedStrain: z.coerce.number().min(0).max(1).default(0.8),
  /** GOVERNOR_STRAIN_INTERVAL_MS: how often the strain sampler reads the database; 0 = never (no strain). Default 1000. */
  strainIntervalMs: int(0, 600_000).default(1000),
  /** GOVERNOR_STRAIN_THREADS: Threads_running where strain begins and where it is full, "low,high". Default 4,16. */
  strainThreads: range().default('4,16'),
  /** GOVERNOR_STRAIN_CANARY_MS: the canary query's round trip where strain begins and where it is full, "low,high". Default 10,100. */
  strainCanaryMs: range().default('10,100'),
  /** GOVERNOR_STRAIN_LAG_S: replica lag where strain begins and where it is full, "low,high". Default 2,30. */
  strainLagS: range().default('2,30'),
  /** REDIS_URL: share budgets, in-flight caps and kill-switch events across instances through Redis. Default unset (in memory, per process). */
  redisUrl: z.string().url().optional(),
  /** GOVERNOR_REDIS_FAILURE: while Redis is away, `open` governs from per-instance state (with a warning metric) or `closed` answers OVERLOADED. Default open. */
  redisFailure: z.enum(['open', 'closed']).default('open'),
  /** GOVERNOR_INFLIGHT_LEASE_MS: how long a request's shared in-flight slot lasts at most (a crashed instance's slots expire). Default 120000. */
  inFlightLeaseMs: int(1000, 3_600_000).default(120_000),
});

/** "low,high" (env) or [low, high] (tests): a threshold pair, low below high. */
function range() {
  return z.union([z.string(), z.tuple([z.number(), z.number()])]).transform((v, ctx) => {
    const [low, high] = (Array.isArray(v) ? v : v.split(',')).map((n) => Number(n));
    if (!Number.isFinite(low) || !Number.isFinite(high) || low < 0 || high <= low) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be two numbers "low,high" with 0 <= low < high' });
      return z.NEVER;
    }
    return [low, high] as const;
  });
}

/** The admin console at /admin: sessions, sign-in limits, instance reports. */
const consoleSchema = z.object({
  /** CONSOLE_SESSION_TTL_S: a console session ends this long after sign-in, used or not. Default 43200 (12 hours). */
  sessionTtlS: int(300, 30 * 86_400).default(43_200),
  /** CONSOLE_SESSION_IDLE_S: a console session unused this long ends. Default 1800 (30 minutes). */
  sessionIdleS: int(60, 30 * 86_400).default(1800),
  /** CONSOLE_LOGIN_MAX_FAILURES: refused sign-ins per user name within the window before it is locked for the rest of it. Default 5. */
  loginMaxFailures: int(1, 1000).default(5),
  /** CONSOLE_LOGIN_MAX_FAILURES_PER_IP: refused sign-ins per client address within the window. Default 20. */
  loginMaxFailuresPerIp: int(1, 100_000).default(20),
  /** CONSOLE_LOGIN_WINDOW_S: the sign-in rate limits' window. Default 900 (15 minutes). */
  loginWindowS: int(1, 86_400).default(900),
  /** CONSOLE_LOGIN_FAILURE_DELAY_MS: a refused sign-in is answered no sooner than this, whatever was wrong. Default 1000. */
  loginFailureDelayMs: int(0, 60_000).default(1000),
  /** INSTANCE_HEARTBEAT_MS: how often each instance reports its identity epoch to the console (and at once after every reload). Default 5000. */
  instanceHeartbeatMs: int(0, 600_000).default(5000),
  /** DEMO_ADMIN: on the embedded database outside production, the first start creates a console System Administrator and prints its password once. Default true. */
  demoAdmin: flag().default(true),
});

/** Webhooks and the change feed: the dispatcher, its limits, the SSRF rule and the events' retention. */
const webhooksSchema = z.object({
  /** WEBHOOKS_DISPATCHER_ENABLED: run the dispatcher inside `chartgate serve`. Default true; false where `chartgate webhooks worker` runs it instead. */
  dispatcherEnabled: flag().default(true),
  /** WEBHOOKS_DISPATCHER_THREAD: on MariaDB/MySQL, `serve` runs the dispatcher on a worker thread of its own (its own event loop and pool), so delivery never takes turns from requests; false runs it on the request event loop. Default true (the embedded SQLite demo always runs it on the request event loop). */
  dispatcherThread: flag().default(true),
  /** WEBHOOKS_THREAD_NICE: the dispatcher thread's nice value on Linux (0 = as requests; 19 = only what requests leave over), so delivery yields the CPU to the write path. Default 19. */
  threadNice: int(0, 19).default(19),
  /** WEBHOOKS_ALLOW_PRIVATE: allow endpoints on private, loopback and reserved addresses, and plain http. Default false (development and tests only). */
  allowPrivate: flag().default(false),
  /** WEBHOOKS_POLL_MS: how often the dispatcher looks for new events and due retries. Default 200. */
  pollMs: int(10, 60_000).default(200),
  /** WEBHOOKS_TIMEOUT_MS: each attempt's connect, headers and body timeout. Default 10000. */
  timeoutMs: int(100, 120_000).default(10_000),
  /** WEBHOOKS_ENDPOINT_CONCURRENCY: attempts in flight per endpoint, per dispatcher. Default 8. */
  endpointConcurrency: int(1, 100).default(8),
  /** WEBHOOKS_MAX_IN_FLIGHT: attempts in flight in all, per dispatcher. Default 64. */
  maxInFlight: int(1, 10_000).default(64),
  /** WEBHOOKS_DISABLE_AFTER_S: an endpoint whose every attempt has failed for this long is disabled. Default 259200 (3 days). */
  disableAfterS: int(60, 90 * 86_400).default(259_200),
  /** WEBHOOKS_SECRET_GRACE_S: how long the previous secret keeps signing after a rotation. Default 86400 (one day). */
  secretGraceS: int(0, 30 * 86_400).default(86_400),
  /** EVENTS_RETENTION_DAYS: settled events older than this are pruned (hourly); the change feed reaches back this far. Default 14. */
  retentionDays: int(1, 3650).default(14),
});

export const configSchema = z
  .object({
    /** NODE_ENV: development | production | test. Default development. Production hides the IDE and introspection. */
    env: z.enum(['development', 'production', 'test']).default('development'),
    /** LOG_LEVEL: pino level (fatal, error, warn, info, debug, trace, silent). Default info. */
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    http: httpSchema.default({}),
    db: dbSchema.default({}),
    seed: seedSchema.default({}),
    auth: authSchema.default({}),
    governor: governorSchema.default({}),
    idempotency: idempotencySchema.default({}),
    webhooks: webhooksSchema.default({}),
    metrics: metricsSchema.default({}),
    audit: auditSchema.default({}),
    console: consoleSchema.default({}),
  })
  // a generated key file is for the embedded demo; production keeps its key where the database cannot reach it
  .superRefine((c, ctx) => {
    if (c.env === 'production' && !c.audit.key)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['audit', 'key'], message: 'required when NODE_ENV=production' });
  });

/** The parsed, deeply frozen configuration built once in main.ts and passed down. */
export type Config = Readonly<z.infer<typeof configSchema>>;
/** What loadConfig accepts before defaults (used by tests to build a Config without env). */
export type ConfigInput = z.input<typeof configSchema>;
