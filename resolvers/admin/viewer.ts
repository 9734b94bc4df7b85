import type { AdminContext } from './adminContext.js';

/** Query.viewer: the caller itself; needs no scope (the "test connection" for integrators). No statement unless `kind` is asked for. */
export function viewer(_: unknown, __: unknown, ctx: AdminContext) {
  const { principal } = ctx;
  return {
    client: { id: principal.clientId, name: principal.clientName },
    scopes: [...principal.scopes].sort(),
    clinics: principal.clinicIds === null ? null : [...principal.clinicIds].sort((a, b) => a - b),
    actingUser: { id: principal.actingUser.userNum, userName: principal.actingUser.userName },
  };
}

export const ViewerClient = {
  kind: async (_: unknown, __: unknown, ctx: AdminContext) => (await ctx.services.clients.selfKind()).toUpperCase(),
};
