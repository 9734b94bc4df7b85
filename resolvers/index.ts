import { adminResolvers } from './admin/index.js';
import { consoleResolvers } from './console/index.js';
import { domainMutations } from './Mutation/index.js';
import { auditLog } from './query/auditLog.js';
import { readResolvers } from './readResolvers.js';
import { referenceResolvers } from './federation/referenceResolvers.js';
import { eventResolvers } from './webhooks/index.js';

/**
 * The resolver map for src/schema/buildSchema.ts (an Apollo Federation subgraph).
 * Each domain contributes its own map; Query and Mutation are merged field by field.
 */
export const resolvers = {
  ...readResolvers,
  ...adminResolvers,
  ...eventResolvers,
  Query: { ...readResolvers.Query, ...adminResolvers.Query, ...eventResolvers.Query, ...consoleResolvers.Query, auditLog },
  Mutation: { ...adminResolvers.Mutation, ...eventResolvers.Mutation, ...consoleResolvers.Mutation, ...domainMutations },
  Client: { ...adminResolvers.Client, ...consoleResolvers.consoleClientFields },
  AdminUser: consoleResolvers.AdminUser,
  Patient: { ...readResolvers.Patient, ...referenceResolvers.Patient },
  Appointment: { ...readResolvers.Appointment, ...referenceResolvers.Appointment },
  Provider: { ...readResolvers.Provider, ...referenceResolvers.Provider },
  Clinic: { ...(readResolvers as { Clinic?: object }).Clinic, ...referenceResolvers.Clinic },
  Procedure: { ...readResolvers.Procedure, ...referenceResolvers.Procedure },
  Payment: { ...readResolvers.Payment, ...referenceResolvers.Payment },
};
