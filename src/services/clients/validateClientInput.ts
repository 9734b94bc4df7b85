import { ClientLimitsError, parseClientLimits } from '../../config/clientLimitsSchema.js';
import { maxLength } from '../../db/columnLengths.js';
import { badInput } from '../../lib/DomainError.js';
import { isValidCidr } from '../../lib/ipAllowList.js';
import { CLIENT_CLASSES, CLIENT_KINDS, KNOWN_SCOPES, type CreateClientInput, type UpdateClientInput } from '../../gateway/clients/types.js';

/** What a client's fields must fit that depends on this installation. */
export interface ClientBounds {
  /** DB_POOL_REPORTING: a client's connection share (limits.maxConnections) can never be more */
  reportingPoolSize?: number;
}

/**
 * Checks the fields given (create and update share these rules); throws BAD_USER_INPUT naming
 * the input path. Fields left undefined are not checked.
 */
export function validateClientFields(input: UpdateClientInput, bounds: ClientBounds = {}): void {
  const nameMax = maxLength('gw_client', 'name');
  if (input.name !== undefined && (input.name.trim().length === 0 || input.name.trim().length > nameMax))
    throw badInput(`name must be 1 to ${nameMax} characters`, 'input.name');
  const vendorMax = maxLength('gw_client', 'vendor');
  if (input.vendor !== undefined && input.vendor !== null && input.vendor.trim().length > vendorMax)
    throw badInput(`vendor is at most ${vendorMax} characters`, 'input.vendor');
  if (input.kind !== undefined && !CLIENT_KINDS.includes(input.kind)) throw badInput(`kind must be one of ${CLIENT_KINDS.join(', ')}`, 'input.kind');
  if (input.class !== undefined && !CLIENT_CLASSES.includes(input.class)) throw badInput(`class must be one of ${CLIENT_CLASSES.join(', ')}`, 'input.class');
  if (input.scopes !== undefined) {
    if (input.scopes.length === 0) throw badInput('a client needs at least one scope', 'input.scopes');
    input.scopes.forEach((s, i) => {
      if (!KNOWN_SCOPES.includes(s)) throw badInput(`unknown scope ${s}; known: ${KNOWN_SCOPES.join(' ')}`, `input.scopes[${i}]`);
    });
  }
  (input.ipAllowList ?? []).forEach((c, i) => {
    if (c.length > maxLength('gw_client_ip', 'cidr') || !isValidCidr(c)) throw badInput(`not an IPv4/IPv6 address or CIDR: ${c}`, `input.ipAllowList[${i}]`);
  });
  (input.clinicIds ?? []).forEach((c, i) => {
    if (!Number.isInteger(c) || c <= 0) throw badInput('clinic ids are positive integers', `input.clinicIds[${i}]`);
  });
  (input.staffUserNums ?? []).forEach((u, i) => {
    if (!Number.isInteger(u) || u <= 0) throw badInput('staff user ids are positive integers', `input.staffUserIds[${i}]`);
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

/** Checks a new client's fields: the shared rules, plus the fields a new client must have. */
export function validateClientInput(input: CreateClientInput, bounds: ClientBounds = {}): void {
  if (!input.name) throw badInput(`name must be 1 to ${maxLength('gw_client', 'name')} characters`, 'input.name');
  if (!input.kind) throw badInput(`kind must be one of ${CLIENT_KINDS.join(', ')}`, 'input.kind');
  if (input.scopes.length === 0) throw badInput('a client needs at least one scope', 'input.scopes');
  validateClientFields(input, bounds);
}
