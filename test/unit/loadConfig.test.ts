import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/loadConfig.js';
import { packageRoot } from '../../src/lib/packageRoot.js';

describe('loadConfig', () => {
  it('gives every documented default for an empty environment', () => {
    const c = loadConfig({});
    expect(c.http).toEqual({
      port: 4000,
      host: '127.0.0.1',
      bodyLimitBytes: 262144,
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
      keepAliveTimeoutMs: 5000,
      maxHeaderBytes: 16384,
      shutdownGraceMs: 10_000,
    });
    expect(c.metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(c.audit.key).toBeUndefined();
    // the embedded database is chartgate's own, wherever the command runs from
    expect(c.db).toEqual({
      sqliteFile: join(packageRoot(), 'data', 'chartgate.sqlite'),
      poolInteractive: 10,
      poolReporting: 4,
      reportingQueue: 50,
      replicaRetryMs: 5000,
    });
    expect(c.idempotency).toEqual({ retentionHours: 24, leaseMs: 30_000, waitMs: 10_000 });
    expect(c.db.url).toBeUndefined();
    expect(c.env).toBe('development');
    expect(c.logLevel).toBe('info');
    expect(c.seed.scale).toBe('demo');
  });

  it('reads and coerces variables, treating empty ones as unset', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '',
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/test',
      DB_POOL_REPORTING: '2',
      NODE_ENV: 'production',
      AUDIT_KEY: 'k'.repeat(32),
    });
    expect(c.http.port).toBe(8080);
    expect(c.http.host).toBe('127.0.0.1');
    expect(c.db.url).toBe('mysql://root@127.0.0.1:3306/test');
    expect(c.db.poolReporting).toBe(2);
    expect(c.env).toBe('production');
    const faults = loadConfig({ SHUTDOWN_GRACE_MS: '2500', IDEMPOTENCY_RETENTION_HOURS: '48', IDEMPOTENCY_LEASE_MS: '1500', READ_REPLICA_RETRY_MS: '250' });
    expect([faults.http.shutdownGraceMs, faults.idempotency.retentionHours, faults.idempotency.leaseMs, faults.db.replicaRetryMs]).toEqual([
      2500, 48, 1500, 250,
    ]);
  });

  it('gives the webhook defaults and reads their variables', () => {
    expect(loadConfig({}).webhooks).toEqual({
      dispatcherEnabled: true,
      dispatcherThread: true,
      threadNice: 19,
      allowPrivate: false,
      pollMs: 200,
      timeoutMs: 10_000,
      endpointConcurrency: 8,
      maxInFlight: 64,
      disableAfterS: 259_200,
      secretGraceS: 86_400,
      retentionDays: 14,
    });
    const c = loadConfig({ WEBHOOKS_DISPATCHER_ENABLED: 'false', WEBHOOKS_ALLOW_PRIVATE: 'yes', EVENTS_RETENTION_DAYS: '3', WEBHOOKS_TIMEOUT_MS: '2500' });
    expect(c.webhooks).toMatchObject({ dispatcherEnabled: false, allowPrivate: true, retentionDays: 3, timeoutMs: 2500 });
    expect(() => loadConfig({ WEBHOOKS_ENDPOINT_CONCURRENCY: '0' })).toThrow(/WEBHOOKS_ENDPOINT_CONCURRENCY/);
    expect(loadConfig({ WEBHOOKS_DISPATCHER_THREAD: 'false', WEBHOOKS_THREAD_NICE: '5' }).webhooks).toMatchObject({ dispatcherThread: false, threadNice: 5 });
    expect(() => loadConfig({ WEBHOOKS_THREAD_NICE: '20' })).toThrow(/WEBHOOKS_THREAD_NICE/);
  });

  it('is deeply frozen', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.http)).toBe(true);
    expect(() => {
      (c.http as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('names each bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x@y/z', SEED_SCALE: 'huge' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT:');
    expect(message).toContain('DATABASE_URL:');
    expect(message).toContain('SEED_SCALE:');
  });

  const problemsOf = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
    return '';
  };

  it('requires AUDIT_KEY in production, and 32 characters of it', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toContain('AUDIT_KEY: required when NODE_ENV=production');
    expect(problemsOf({ NODE_ENV: 'production', AUDIT_KEY: 'short' })).toContain('AUDIT_KEY:');
    expect(problemsOf({ NODE_ENV: 'development' })).toBe('');
  });

  it('stops on an invalid TRUSTED_PROXIES entry, naming the variable and the entry', () => {
    expect(problemsOf({ TRUSTED_PROXIES: '10.0.0.0/8, not-a-cidr' })).toContain('TRUSTED_PROXIES: not an IPv4/IPv6 address or CIDR: not-a-cidr');
    expect(problemsOf({ TRUSTED_PROXIES: '10.0.0.0/33' })).toContain('TRUSTED_PROXIES:');
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, ::1' }).auth.trustedProxies).toEqual(['10.0.0.0/8', '::1']);
  });
});
