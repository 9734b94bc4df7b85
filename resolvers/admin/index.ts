import { ApiKey, Client } from './Client.js';
import { apiStatus, client, clients } from './clientQueries.js';
import { createClient, deleteClient, resumeClient, revokeKey, rotateKey, setApiEnabled, suspendClient, updateClient } from './clientMutations.js';
import { integrationLog } from './integrationLog.js';
import { viewer, ViewerClient } from './viewer.js';

/** schema/admin.graphql's resolvers, merged into resolvers/index.ts. */
export const adminResolvers = {
  Query: { viewer, clients, client, integrationLog, apiStatus },
  Mutation: { createClient, updateClient, deleteClient, suspendClient, resumeClient, rotateKey, revokeKey, setApiEnabled },
  Client,
  ApiKey,
  ViewerClient,
};
