import { DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import { holdsScope } from '../../lib/holdsScope.js';
import { ANY_READ_SCOPE, type RequiredScopes } from './collectRequiredScopes.js';

/** A read-only client: no `*:write` scope and no `admin`. It may not run any mutation. */
const isReadOnly = (granted: ReadonlySet<string>): boolean => !granted.has('admin') && ![...granted].some((s) => s.endsWith(':write'));

/** `*:read` is held by any `:read` scope or admin; every other scope by itself or the scope that implies it (admin -> admin:read). */
const holds = (granted: ReadonlySet<string>, scope: string): boolean =>
  scope === ANY_READ_SCOPE ? granted.has('admin') || [...granted].some((s) => s.endsWith(':read')) : holdsScope(granted, scope);

/** Throws FORBIDDEN naming every missing scope (extensions.missingScopes), or when a read-only client writes. */
export function checkScopes(required: RequiredScopes, granted: ReadonlySet<string>): void {
  if (required.isMutation && isReadOnly(granted)) {
    throw new DomainError(ErrorCode.FORBIDDEN, 'This client is read-only and may not run mutations', {
      details: { missingScopes: [...required.scopes].filter((s) => !holds(granted, s)).sort() },
    });
  }
  const missing = [...required.scopes].filter((s) => !holds(granted, s)).sort();
  if (missing.length > 0) {
    throw new DomainError(ErrorCode.FORBIDDEN, `This operation needs scopes this client does not hold: ${missing.join(', ')}`, {
      details: { missingScopes: missing },
    });
  }
}
