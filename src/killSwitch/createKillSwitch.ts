import type { Stamp } from '../audit/Stamp.js';
import { maxLength } from '../db/columnLengths.js';
import type { Db } from '../db/Db.js';
import { clientMarker, requestMarker } from '../db/tagSql.js';
import type { ClientStore } from '../gateway/clients/createClientStore.js';
import type { ClientState, IdentitySnapshot } from '../gateway/identity/IdentitySnapshot.js';
import { badInput, DomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';

/**
 * The kill switch, in one place: its state (gw_client.status and the whole-API setting, read from
 * the identity snapshot), the admin's switch (write the row, then end the client's statements at
 * once and tell the other instances over the bus), what happens when another instance switched a
 * client off (the bus or, without one, the identity poller reports it: refuse it here too), and
 * KILL QUERY by marker.
 */
export interface KillSwitch {
  /** Authentication: throws API_DISABLED (admin-scope clients pass, to switch it back on) or CLIENT_SUSPENDED with the public reason. */
  assertAdmitted(client: ClientState, isAdmin: boolean): void;
  /** Between a request's statements: a client suspended mid-request stops at its next statement. */
  assertActive(clientId: number): void;
  /**
   * Resolves once the row is committed and this instance refuses the client; `ended` settles once its
   * running statements are killed and the other instances are told (the caller awaits it beside its own work).
   */
  suspend(store: ClientStore, stamp: Stamp, clientId: number, reason: string | null | undefined): Promise<{ ended: Promise<void> }>;
  resume(store: ClientStore, stamp: Stamp, clientId: number): Promise<void>;
  setApiEnabled(store: ClientStore, stamp: Stamp, enabled: boolean, reason: string | null | undefined): Promise<void>;
  /** The identity poller saw these clients become suspended (another instance, or a hand-made UPDATE). */
  onSuspended(clientIds: readonly number[]): Promise<void>;
  /** KILL QUERY every statement of the client; the number killed (0 on SQLite). */
  killClient(clientId: number): Promise<number>;
  /** KILL QUERY the statements of one request, by its server-generated marker (a hang-up). */
  killRequest(marker: string): Promise<number>;
}

/** Tells the other instances at once that a client was switched off (Redis pub/sub); without one they learn it from their poll. */
export interface KillSwitchBus {
  publish(event: SwitchedOff): Promise<void>;
  subscribe(handler: (event: SwitchedOff) => void): void;
}

export interface SwitchedOff {
  clientId: number;
  reason: string;
}

export interface KillSwitchDeps {
  db: Pick<Db, 'killByMarker'>;
  /** the identity snapshot in force; absent in one-shot processes (the CLI), which never authenticate */
  snapshot?: () => IdentitySnapshot;
  bus?: KillSwitchBus;
  /** this instance must refuse the client from now on: patch the identity cache, drop its waiting statements */
  onSwitchedOff?: (event: SwitchedOff) => void;
  onError?: (error: unknown) => void;
}

const suspended = (client: ClientState) =>
  new DomainError(ErrorCode.CLIENT_SUSPENDED, 'This client is suspended', { details: { reason: client.suspendedReason ?? '' } });

const publicReason = (reason: string | null | undefined, what: string): string => {
  const text = reason?.trim() ?? '';
  if (text.length === 0) throw badInput(`${what} needs a reason (shown to the client)`, 'input.reason');
  const max = maxLength('gw_client', 'suspended_reason');
  if (text.length > max) throw badInput(`reason is at most ${max} characters`, 'input.reason', { maximum: max });
  return text;
};

export function createKillSwitch(deps: KillSwitchDeps): KillSwitch {
  const killClient = (clientId: number) => deps.db.killByMarker(clientMarker(clientId));
  const switchedOff = async (event: SwitchedOff) => {
    deps.onSwitchedOff?.(event);
    await killClient(event.clientId);
  };
  // another instance switched a client off: honour it here at once, not at the next poll
  deps.bus?.subscribe((event) => {
    switchedOff(event).catch((error) => deps.onError?.(error));
  });
  return {
    assertAdmitted(client, isAdmin) {
      const snap = deps.snapshot?.();
      if (snap && !snap.apiEnabled && !isAdmin) {
        throw new DomainError(ErrorCode.API_DISABLED, 'The API is switched off', { details: { reason: snap.apiDisabledReason ?? '' } });
      }
      if (client.status !== 'active') throw suspended(client);
    },
    assertActive(clientId) {
      const client = deps.snapshot?.().clients.get(clientId);
      if (client && client.status !== 'active') throw suspended(client);
    },
    async suspend(store, stamp, clientId, reason) {
      const text = publicReason(reason, 'a suspension');
      await store.setStatus(stamp, clientId, true, text);
      const event = { clientId, reason: text };
      deps.onSwitchedOff?.(event);
      const ended = Promise.all([killClient(clientId), deps.bus?.publish(event).catch((error) => deps.onError?.(error))]).then(() => undefined);
      return { ended };
    },
    async resume(store, stamp, clientId) {
      await store.setStatus(stamp, clientId, false, null);
    },
    async setApiEnabled(store, stamp, enabled, reason) {
      await store.setApiEnabled(stamp, enabled, enabled ? null : publicReason(reason, 'switching the API off'));
    },
    async onSuspended(clientIds) {
      for (const id of clientIds) await switchedOff({ clientId: id, reason: deps.snapshot?.().clients.get(id)?.suspendedReason ?? '' });
    },
    killClient,
    killRequest: (marker) => deps.db.killByMarker(requestMarker(marker)),
  };
}
