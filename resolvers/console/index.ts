import { AdminUser } from './AdminUser.js';
import {
  beginTotpEnrollment,
  changeMyPassword,
  confirmTotpEnrollment,
  createAdminUser,
  disableAdminUser,
  enableAdminUser,
  resetAdminTotp,
} from './adminUserMutations.js';
import { consoleClientFields, issueKey } from './clientFields.js';
import { adminUsers, consoleSession, identityStatus, loadSeries, verifySecurityLog } from './consoleQueries.js';

/** schema/console.graphql's resolvers, merged into resolvers/index.ts. */
export const consoleResolvers = {
  Query: { consoleSession, adminUsers, loadSeries, identityStatus, verifySecurityLog },
  Mutation: { issueKey, createAdminUser, disableAdminUser, enableAdminUser, resetAdminTotp, changeMyPassword, beginTotpEnrollment, confirmTotpEnrollment },
  AdminUser,
  consoleClientFields,
};
