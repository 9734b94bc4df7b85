import { badInput } from '../../lib/DomainError.js';

/** How a client's operations are certified: off, log (unregistered ones run and are kept), enforce (trustedOnly). */
export type Rollout = 'off' | 'log' | 'enforce';

const ROLLOUTS: readonly string[] = ['off', 'log', 'enforce'];

/** The rollout two switches describe: trustedOnly wins, then operationLog. */
export const rolloutOf = (c: { readonly trustedOnly: boolean; readonly operationLog: boolean }): Rollout =>
  c.trustedOnly ? 'enforce' : c.operationLog ? 'log' : 'off';

/**
 * A rollout as the two switches the gateway stores (off = neither, log = operationLog,
 * enforce = trustedOnly); BAD_USER_INPUT when it is unknown or trustedOnly says otherwise.
 */
export function rolloutSwitches(rollout: string | undefined, trustedOnly: boolean | undefined): { trustedOnly?: boolean; operationLog?: boolean } {
  if (rollout === undefined) return trustedOnly === undefined ? {} : { trustedOnly };
  if (!ROLLOUTS.includes(rollout)) throw badInput('rollout is off, log or enforce', 'input.rollout');
  const switches = { trustedOnly: rollout === 'enforce', operationLog: rollout === 'log' };
  if (trustedOnly !== undefined && trustedOnly !== switches.trustedOnly)
    throw badInput(`trustedOnly ${trustedOnly} contradicts rollout ${rollout}`, 'input.trustedOnly');
  return switches;
}
