import type { Principal } from '../../src/auth/Principal.js';
import type { ClientsService } from '../../src/services/clients/clients.service.js';

/** The part of the request context the admin resolvers use. */
export interface AdminContext {
  principal: Principal;
  services: { clients: ClientsService };
}
