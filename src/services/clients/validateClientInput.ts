import { ClientLimitsError, parseClientLimits } from '../../config/clientLimitsSchema.js';
import { maxLength } from '../../db/columnLengths.js';
import { badInput } from '../../lib/DomainError.js';
import { isValidCidr } from '../../lib/ipAllowList.js';
import { CLIENT_CLASSES, CLIENT_KINDS, KNOWN_SCOPES, type CreateClientInput } from '../../gateway/clients/types.js';

/** Checks a new client's fields; throws BAD_USER_INPUT naming the input path. */
export function validateClientInput(input: CreateClientInput): void {
  const nameMax = maxLength('gw_client', 'name');
  if (!input.name || input.name.trim().length === 0 || input.name.trim().length > nameMax)
    throw badInput(`name must be 1 to ${nameMax} characters`, 'input.name');
  const vendorMax = maxLength('gw_client', 'vendor');
  if (input.vendor && input.vendor.trim().length > vendorMax) throw badInput(`vendor is at most ${vendorMax} characters`, 'input.vendor');
  if (!CLIENT_KINDS.includes(input.kind)) throw badInput(`kind must be one of ${CLIENT_KINDS.join(', ')}`, 'input.kind');
  if (input.class !== undefined && !CLIENT_CLASSES.includes(input.class)) throw badInput(`class must be one of ${CLIENT_CLASSES.join(', ')}`, 'input.class');
  if (input.scopes.length === 0) throw badInput('a client needs at least one scope', 'input.scopes');
  input.scopes.forEach((s, i) => {
    if (!KNOWN_SCOPES.includes(s)) throw badInput(`unknown scope ${s}; known: ${KNOWN_SCOPES.join(' ')}`, `input.scopes[${i}]`);
  });
  (input.ipAllowList ?? []).forEach((c, i) => {
    if (c.length > maxLength('gw_client_ip', 'cidr') || !isValidCidr(c)) throw badInput(`not an IPv4/IPv6 address or CIDR: ${c}`, `input.ipAllowList[${i}]`);
  });
  (input.clinicIds ?? []).forEach((c, i) => {
    if (!Number.isInteger(c) || c <= 0) throw badInput('clinic ids are positive integers', `input.clinicIds[${i}]`);
  });
  if (input.mode !== undefined && input.mode !== 'measure' && input.mode !== 'enforce') throw badInput('mode is measure or enforce', 'input.mode');
  if (input.limits) {
    try {
      parseClientLimits(input.limits);
    } catch (e) {
      if (!(e instanceof ClientLimitsError)) throw e;
      const field = /^(\w+):/.exec(e.problems[0] ?? '')?.[1];
      throw badInput(`invalid limits: ${e.message}`, field ? `input.limits.${field}` : 'input.limits');
    }
  }
}
