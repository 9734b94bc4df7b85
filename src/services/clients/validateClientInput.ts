import { ClientLimitsError, parseClientLimits } from '../../config/clientLimitsSchema.js';
import { badInput } from '../../lib/DomainError.js';
import { isValidCidr } from '../../lib/ipAllowList.js';
import { CLIENT_CLASSES, CLIENT_KINDS, KNOWN_SCOPES, type CreateClientInput } from '../../gateway/clients/types.js';

/** Checks a new client's fields; throws BAD_USER_INPUT naming the input path. */
export function validateClientInput(input: CreateClientInput, bounds: { reportingPoolSize?: number } = {}): void {
  if (!input.name || input.name.trim().length === 0 || input.name.length > 100) throw badInput('name must be 1 to 100 characters', 'input.name');
  if (!CLIENT_KINDS.includes(input.kind)) throw badInput(`kind must be one of ${CLIENT_KINDS.join(', ')}`, 'input.kind');
  if (input.class !== undefined && !CLIENT_CLASSES.includes(input.class)) throw badInput(`class must be one of ${CLIENT_CLASSES.join(', ')}`, 'input.class');
  if (input.scopes.length === 0) throw badInput('a client needs at least one scope', 'input.scopes');
  input.scopes.forEach((s, i) => {
    if (!KNOWN_SCOPES.includes(s)) throw badInput(`unknown scope ${s}; known: ${KNOWN_SCOPES.join(' ')}`, `input.scopes[${i}]`);
  });
  (input.ipAllowList ?? []).forEach((c, i) => {
    if (!isValidCidr(c)) throw badInput(`not an IPv4/IPv6 address or CIDR: ${c}`, `input.ipAllowList[${i}]`);
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
    const cap = input.limits.maxConnections;
    if (cap !== undefined && bounds.reportingPoolSize !== undefined && cap > bounds.reportingPoolSize) {
      throw badInput(`limits.maxConnections is ${cap} but the reporting pool holds ${bounds.reportingPoolSize} connections`, 'input.limits.maxConnections', {
        maximum: bounds.reportingPoolSize,
      });
    }
  }
}
