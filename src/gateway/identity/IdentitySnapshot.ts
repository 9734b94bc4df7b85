import type { IpAllowList } from '../../lib/ipAllowList.js';

/** One integration as the authenticator needs it, held in memory and reloaded by the poller. */
export interface ClientState {
  readonly id: number;
  readonly name: string;
  readonly kind: string;
  /** 'interactive' | 'reporting' | 'bulk' */
  readonly class: string;
  readonly status: 'active' | 'suspended' | 'deleted' | string;
  readonly suspendedReason: string | null;
  readonly scopes: ReadonlySet<string>;
  /** null = every clinic */
  readonly clinicIds: ReadonlySet<number> | null;
  readonly ipAllowList: IpAllowList;
  readonly mayActForStaff: boolean;
  readonly serviceUser: { readonly userNum: number; readonly userName: string };
  /** governor settings, polled with the rest so the governor can read them without a statement */
  readonly mode: string;
  readonly trustedOnly: boolean;
  /** keep the documents of unregistered operations it sends (the rollout's log mode) */
  readonly operationLog: boolean;
  readonly allowIntrospection: boolean;
  /** gw_client.limits parsed (null = global defaults, or unparseable) */
  readonly limits: Readonly<Record<string, unknown>> | null;
}

export interface KeyState {
  readonly id: number;
  readonly clientId: number;
  readonly prefix: string;
  readonly secretHash: string;
  /** ms since epoch, null = never */
  readonly expiresAt: number | null;
  readonly revokedAt: number | null;
}

/** Everything authentication decides on, swapped atomically when the database changes. */
export interface IdentitySnapshot {
  readonly clients: ReadonlyMap<number, ClientState>;
  readonly keysByPrefix: ReadonlyMap<string, KeyState>;
  readonly keysById: ReadonlyMap<number, KeyState>;
  readonly apiEnabled: boolean;
  readonly apiDisabledReason: string | null;
  /** jti -> expiry (ms) of revoked OAuth tokens that have not yet expired */
  readonly revokedTokens: ReadonlyMap<string, number>;
  /** gw_setting identity_epoch when this snapshot was read ('' before any change) */
  readonly identityEpoch: string;
}

export const isKeyUsable = (key: KeyState, nowMs: number): boolean => key.revokedAt === null && (key.expiresAt === null || key.expiresAt > nowMs);
