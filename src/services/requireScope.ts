import type { Principal } from '../auth/Principal.js';
import { DomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';
import { holdsScope } from '../lib/holdsScope.js';

/** FORBIDDEN naming the missing scope, unless the principal holds it (the schema's @requiresScopes is the first fence, this the second). */
export function requireScope(principal: Principal, scope: string): void {
  if (holdsScope(principal.scopes, scope)) return;
  throw new DomainError(ErrorCode.FORBIDDEN, `This needs the ${scope} scope`, { details: { missingScopes: [scope] } });
}
