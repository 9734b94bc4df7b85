import type { Principal } from '../auth/Principal.js';
import { DomainError, notFound } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';

/**
 * Clinic visibility of a principal: null = every clinic, else the ClinicNums it may see.
 * An empty list stays empty; queries use `inList` so `IN ()` is never generated.
 */
export const visibleClinics = (principal: Principal): number[] | null => (principal.clinicIds === null ? null : [...principal.clinicIds].sort((a, b) => a - b));

/** A list for `IN (...)` that is never empty (-1 matches no key). */
export const inList = (ids: readonly number[]): number[] => (ids.length > 0 ? [...ids] : [-1]);

/** An explicit clinicId filter the principal may not see answers NOT_FOUND, like a lookup would. */
export function requireClinicVisible(principal: Principal, clinicId: number): void {
  if (principal.clinicIds !== null && !principal.clinicIds.has(clinicId)) throw notFound('Clinic', clinicId);
}

/** Directory data (clinics, providers) needs any `*:read` scope, or admin. */
export function requireAnyReadScope(principal: Principal): void {
  if (principal.scopes.has('admin')) return;
  for (const s of principal.scopes) if (s.endsWith(':read')) return;
  throw new DomainError(ErrorCode.FORBIDDEN, 'This needs at least one read scope', { details: { missingScopes: ['*:read'] } });
}

/** Distinct positive ids (Open Dental's 0 = none is dropped). */
export const distinctIds = (ids: readonly number[]): number[] => [...new Set(ids.filter((id) => id > 0))];
