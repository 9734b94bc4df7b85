import type { Principal } from '../../src/auth/Principal.js';
import type { AdminUsersService } from '../../src/services/admins/adminUsers.service.js';
import type { ClientsService } from '../../src/services/clients/clients.service.js';
import type { MonitoringService } from '../../src/services/monitoring/monitoring.service.js';

/** The part of the request context the console's resolvers use. */
export interface ConsoleContext {
  principal: Principal;
  services: { clients: ClientsService; admins: AdminUsersService; monitoring: MonitoringService };
}
