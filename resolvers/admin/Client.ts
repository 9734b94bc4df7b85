import type { ApiKeyView, ClientView } from '../../src/services/clients/types.js';

/** Field resolvers of the admin types: enum casing and ids; everything else is the view as is. */
export const Client = {
  kind: (c: ClientView) => c.kind.toUpperCase(),
  class: (c: ClientView) => c.class.toUpperCase(),
  status: (c: ClientView) => c.status.toUpperCase(),
  serviceUser: (c: ClientView) => ({ id: c.serviceUser.userNum, userName: c.serviceUser.userName }),
};

export const ApiKey = {
  status: (k: ApiKeyView) => k.status.toUpperCase(),
};
