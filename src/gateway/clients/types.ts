import type { ClientLimits } from '../../config/clientLimitsSchema.js';

/** Every scope a client may hold (docs/architecture.md "Scopes"). */
export const KNOWN_SCOPES: readonly string[] = Object.freeze([
  'patients:read',
  'patients:write',
  'schedule:read',
  'schedule:write',
  'clinical:read',
  'clinical:write',
  'billing:read',
  'billing:write',
  'reports:read',
  'audit:read',
  'admin',
]);

export const CLIENT_KINDS: readonly string[] = Object.freeze(['dashboard', 'dso', 'internal']);

/** How the governor shares the database: interactive first and last to be limited, bulk last and first shed. */
export const CLIENT_CLASSES: readonly string[] = Object.freeze(['interactive', 'reporting', 'bulk']);

/** A new client's class when none is given: dashboards report, DSOs and internal tools are interactive. */
export const defaultClassOf = (kind: string): string => (kind === 'dashboard' ? 'reporting' : 'interactive');

/** Timestamps in views are ISO 8601 UTC ('2026-03-01T14:30:00Z'). */
export interface ApiKeyView {
  readonly id: number;
  readonly prefix: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
  /** 'active' | 'expired' | 'revoked' at the time of reading */
  readonly status: string;
}

export interface ClientView {
  readonly id: number;
  readonly name: string;
  readonly vendor: string;
  readonly kind: string;
  /** 'interactive' | 'reporting' | 'bulk' */
  readonly class: string;
  readonly status: string;
  readonly suspendedReason: string | null;
  readonly scopes: readonly string[];
  /** null = every clinic */
  readonly clinicIds: readonly number[] | null;
  readonly ipAllowList: readonly string[];
  readonly mode: string;
  readonly trustedOnly: boolean;
  /** keeps the documents of the unregistered operations it sends (the rollout's log mode) */
  readonly operationLog: boolean;
  readonly allowIntrospection: boolean;
  readonly mayActForStaff: boolean;
  readonly serviceUser: { readonly userNum: number; readonly userName: string };
  readonly staffUserNums: readonly number[];
  /** its own governor overrides (gw_client.limits), null = the global defaults */
  readonly ownLimits: Readonly<Record<string, unknown>> | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** set once the client was deleted (status 'deleted') */
  readonly deletedAt: string | null;
  readonly keys: readonly ApiKeyView[];
}

/** A key as issued: `key` (prefix + secret) is shown once and never stored. */
export interface IssuedKey {
  readonly id: number;
  readonly prefix: string;
  readonly key: string;
  /** ISO 8601 UTC, null = never */
  readonly expiresAt: string | null;
}

export interface CreateClientInput {
  name: string;
  vendor?: string;
  kind: string;
  /** default: defaultClassOf(kind) */
  class?: string;
  scopes: readonly string[];
  /** null/undefined/[] = every clinic */
  clinicIds?: readonly number[] | null;
  ipAllowList?: readonly string[];
  mode?: 'measure' | 'enforce';
  trustedOnly?: boolean;
  allowIntrospection?: boolean;
  mayActForStaff?: boolean;
  /** userod users the client may name in X-Acting-User */
  staffUserNums?: readonly number[];
  /** expiry of the first key, UTC 'YYYY-MM-DD HH:MM:SS'; default never */
  keyExpiresAt?: string | null;
  /** governor overrides, e.g. { maxCost: 20000, maxInFlight: 2, statementTimeoutMs: 2000 }; default none (global defaults) */
  limits?: ClientLimits | null;
  /** keep the documents of unregistered operations (the rollout's log mode); default false */
  operationLog?: boolean;
}

/** A change to a client: only the fields given change. */
export interface UpdateClientInput {
  name?: string;
  vendor?: string;
  kind?: string;
  class?: string;
  scopes?: readonly string[];
  /** [] or null = every clinic */
  clinicIds?: readonly number[] | null;
  ipAllowList?: readonly string[];
  mode?: 'measure' | 'enforce';
  trustedOnly?: boolean;
  operationLog?: boolean;
  allowIntrospection?: boolean;
  mayActForStaff?: boolean;
  staffUserNums?: readonly number[];
  /** replaces the client's own limits; {} or null = the global defaults */
  limits?: ClientLimits | null;
}

export interface RequestLogFilter {
  clientId?: number;
  errorCode?: string;
  /** 'YYYY-MM-DD HH:MM:SS' UTC, inclusive */
  since?: string;
  until?: string;
  operationName?: string;
  /** HTTP status */
  status?: number;
}

/** One integration-log row; `createdAt` is ISO 8601 UTC. */
export interface RequestLogEntry {
  readonly id: number;
  /** the keyset cursor that pages after this row */
  readonly cursor: string;
  readonly clientId: number;
  readonly keyId: number;
  readonly requestId: string;
  readonly operationName: string | null;
  readonly operationHash: string | null;
  readonly status: number;
  readonly errorCode: string | null;
  readonly durationMs: number;
  readonly rows: number;
  readonly cost: number;
  readonly clientIp: string;
  readonly createdAt: string;
}
