import type { Principal } from './auth/Principal.js';
import type { Loaders } from './loaders/createLoaders.js';
import type { Services } from './services/createServices.js';

/** Everything one GraphQL request carries; built per request by src/http/buildContext.ts. */
export interface RequestContext {
  requestId: string;
  principal: Principal;
  services: Services;
  loaders: Loaders;
}
