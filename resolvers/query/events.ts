import type { QueryResolvers } from '../__generated__/types.js';

/** Query.events: the change feed, in commit order (the service applies the scope and clinic rules). */
export const events: QueryResolvers['events'] = (_, args, ctx) => ctx.services.events.feed(args);
