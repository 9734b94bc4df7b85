import type { ApiKeyView, ClientView } from '../../src/services/clients/types.js';

/** Field resolvers of the admin types: enum casing and ids; everything else is the view as is. */
export const Client = {
  kind: (c: ClientView) => c.kind.toUpperCase(),
  class: (c: ClientView) => c.class.toUpperCase(),
  status: (c: ClientView) => c.status.toUpperCase(),
  rollout: (c: ClientView) => c.rollout.toUpperCase(),
  staffUserIds: (c: ClientView) => c.staffUserNums,
  serviceUser: (c: ClientView) => ({ id: c.serviceUser.userNum, userName: c.serviceUser.userName }),
  // a LimitOverrides field the client did not set resolves to null
  limits: (c: ClientView) => ({ ...c.limits, own: c.limits.own ?? {} }),
};

export const ApiKey = {
  status: (k: ApiKeyView) => k.status.toUpperCase(),
};
