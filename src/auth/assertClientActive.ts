import { DomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';
import type { IdentitySnapshot } from './IdentitySnapshot.js';

/** Between a request's statements: a client suspended mid-request stops at once (the switch does not wait for the next request). */
export function assertClientActive(snapshot: IdentitySnapshot, clientId: number): void {
  const client = snapshot.clients.get(clientId);
  if (client && client.status !== 'active') {
    throw new DomainError(ErrorCode.CLIENT_SUSPENDED, 'This client is suspended', { details: { reason: client.suspendedReason ?? '' } });
  }
}
