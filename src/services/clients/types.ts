import type { LimitValues } from '../../config/effectiveClientLimits.js';
import type { ClientView as StoredClientView, CreateClientInput, UpdateClientInput } from '../../gateway/clients/types.js';
import type { Rollout } from './rollout.js';

/** The admin service's views, as resolvers and the CLI see them (their shape is the gateway tables'). */
export type { ApiKeyView, CreateClientInput, IssuedKey, RequestLogEntry, RequestLogFilter, UpdateClientInput } from '../../gateway/clients/types.js';
export type { Rollout } from './rollout.js';

/** What the admin API and the CLI ask for: the stored fields, or a rollout standing for trustedOnly/operationLog. */
export type CreateClientRequest = CreateClientInput & { rollout?: Rollout };
export type UpdateClientRequest = UpdateClientInput & { rollout?: Rollout };

/** A client's limits: its own overrides (null = none), the global defaults, and what the governor applies. */
export interface ClientLimitsView {
  readonly own: Readonly<Record<string, unknown>> | null;
  readonly defaults: LimitValues;
  readonly effective: LimitValues;
}

/** A client as the admin API and the CLI show it. */
export interface ClientView extends Omit<StoredClientView, 'ownLimits'> {
  readonly rollout: Rollout;
  readonly limits: ClientLimitsView;
}
