import type { ClientState } from '../gateway/identity/IdentitySnapshot.js';
import type { Config } from '../config/Config.js';
import type { ClientClass } from './admission/createFairScheduler.js';
import type { ClientPolicy } from './ClientPolicy.js';
import type { GovernorLimits } from './GovernorLimits.js';

type GovernorConfig = Config['governor'];

const LIMIT_KEYS: readonly (keyof GovernorLimits)[] = [
  'maxDepth',
  'maxAliases',
  'maxRootFields',
  'maxDirectives',
  'maxRecursion',
  'maxInputList',
  'maxCost',
  'maxExpandedSelections',
];

/** A positive integer override from gw_client.limits, or the default (bad values never loosen a limit silently). */
function override(limits: Readonly<Record<string, unknown>> | null, key: string, fallback: number): number {
  const v = limits?.[key];
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback;
}

const CLASSES: readonly ClientClass[] = ['interactive', 'reporting', 'bulk'];
/** The client's class; chartgate itself (the CLI, client 0) and unknown rows count as interactive. */
const classOf = (client: ClientState | undefined): ClientClass =>
  (CLASSES as readonly string[]).includes(client?.class ?? '') ? (client!.class as ClientClass) : 'interactive';

/**
 * Builds each client's policy from the global config and its gw_client row (mode, trusted_only,
 * allow_introspection, limits JSON such as {"maxCost": 20000, "maxInFlight": 2}). Unknown client -> defaults.
 */
export function createPolicyResolver(config: GovernorConfig, clientOf: (clientId: number) => ClientState | undefined) {
  // policies are asked for several times per request (plugin, runner, headers): build each once per client snapshot
  const cache = new WeakMap<ClientState, ClientPolicy>();
  // clients without a gw_client row: chartgate itself (id 0) and ids the snapshot does not hold yet
  const defaults = new Map<boolean, ClientPolicy>();
  return function policyFor(clientId: number): ClientPolicy {
    const client = clientOf(clientId);
    const isSystem = clientId === 0;
    let policy = client ? cache.get(client) : defaults.get(isSystem);
    if (!policy) {
      policy = build(clientId, client);
      if (client) cache.set(client, policy);
      else defaults.set(isSystem, policy);
    }
    return policy;
  };

  function build(clientId: number, client: ClientState | undefined): ClientPolicy {
    const o = client?.limits ?? null;
    const limits = Object.fromEntries(LIMIT_KEYS.map((k) => [k, override(o, k, config[k])])) as unknown as GovernorLimits;
    const mode = client?.mode === 'measure' || client?.mode === 'enforce' ? client.mode : config.mode;
    return {
      enabled: config.enabled,
      mode,
      limits,
      budget: {
        maximum: override(o, 'budgetMaximum', config.budgetMaximum),
        restorePerSecond: override(o, 'budgetRestorePerSecond', config.budgetRestorePerSecond),
      },
      maxInFlight: override(o, 'maxInFlight', config.maxInFlight),
      class: classOf(client),
      maxConnections: override(o, 'maxConnections', config.clientConnections),
      statementTimeoutMs: override(o, 'statementTimeoutMs', config.statementTimeoutMs),
      // the global limits already hold at the HTTP edge and the parser; a client may only be given tighter ones
      maxBodyBytes: typeof o?.maxBodyBytes === 'number' && o.maxBodyBytes > 0 ? o.maxBodyBytes : undefined,
      maxTokens: typeof o?.maxTokens === 'number' && o.maxTokens > 0 && o.maxTokens < config.maxTokens ? o.maxTokens : undefined,
      trustedOnly: client?.trustedOnly ?? false,
      // client 0 is chartgate itself (CLI, console sessions, development authenticator); no API key maps to it
      allowIntrospection: client?.allowIntrospection ?? clientId === 0,
    };
  }
}

export type PolicyFor = ReturnType<typeof createPolicyResolver>;
