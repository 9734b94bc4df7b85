import type { GraphQLResolveInfo } from 'graphql';
import { reachableFields } from '../../src/auth/scopes/reachableFields.js';
import type { ClientView } from '../../src/services/clients/types.js';
import { toId } from '../ids.js';
import type { ConsoleContext } from './consoleContext.js';

/** The console's fields on Client: traffic, last use, last request, reach, certified operations. */
export const consoleClientFields = {
  lastHour: (c: ClientView, _: unknown, ctx: ConsoleContext) => ctx.services.monitoring.trafficOf(c.id),
  lastUsedAt: (c: ClientView) =>
    c.keys
      .map((k) => k.lastUsedAt)
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1) ?? null,
  lastRequest: (c: ClientView, _: unknown, ctx: ConsoleContext) => ctx.services.monitoring.lastRequest(c.id),
  reach: (c: ClientView, _: unknown, __: unknown, info: GraphQLResolveInfo) => ({
    scopes: [...c.scopes].sort(),
    clinics: c.clinicIds === null ? null : [...c.clinicIds].sort((a, b) => a - b),
    actingUser: { id: c.serviceUser.userNum, userName: c.serviceUser.userName },
    ...reachableFields(info.schema, new Set(c.scopes)),
  }),
  certifiedOperations: (c: ClientView, _: unknown, ctx: ConsoleContext) => ctx.services.monitoring.certifiedOperations(c.id),
};

export async function issueKey(_: unknown, { input }: { input: { clientId: string; expiresAt?: string | null } }, ctx: ConsoleContext) {
  return ctx.services.clients.issueKey(toId(input.clientId, 'input.clientId'), input.expiresAt ?? null);
}
