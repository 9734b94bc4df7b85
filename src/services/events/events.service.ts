import type { Gateway } from '../../gateway/createGateway.js';
import { EVENT_TYPES, typesAllowed } from '../../gateway/events/eventTypes.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';
import { buildPage, pageSize } from '../paging.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import type { Page } from '../types.js';
import { visibleClinics } from '../visibility.js';
import { toFeedEvent, type FeedEvent } from './FeedEvent.js';
import { requireEventTypes } from './requireEventTypes.js';

export interface FeedArgs {
  after?: string | null;
  types?: readonly string[] | null;
  first?: number | null;
}

const ORDER = 'event.id';

/**
 * The change feed: the outbox in commit order, keyset-paged on its id, limited like webhooks to
 * the types the caller's scopes allow and, for a clinic-limited caller, to its clinics.
 */
export function createEventsService(deps: ServiceDeps & { gateway: Pick<Gateway, 'events'> }) {
  const store = deps.gateway.events(deps.runner);
  return {
    async feed(args: FeedArgs): Promise<Page<FeedEvent>> {
      const allowed = typesAllowed(deps.principal.scopes);
      if (allowed.length === 0) {
        throw new DomainError(ErrorCode.FORBIDDEN, 'The change feed needs a read scope (patients:read, schedule:read, clinical:read or billing:read)', {
          details: { missingScopes: ['*:read'] },
        });
      }
      const types = args.types?.length ? requireEventTypes(args.types, deps.principal.scopes, 'types', 'this client') : allowed;
      const size = pageSize(args.first, deps.paging);
      const afterId = args.after ? decodeCursor(args.after, ORDER, ['number'] as const)[0] : 0;
      const rows = await store.page({
        afterId,
        types,
        clinics: visibleClinics(deps.principal),
        unclinicTypes: EVENT_TYPES.filter((t) => t.scope === 'admin').map((t) => t.type),
        limit: size + 1,
      });
      return buildPage(rows, size, Boolean(args.after), toFeedEvent, (e) => encodeCursor(ORDER, [e.id]));
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
