import { describe } from 'vitest';
import { harness, matrix } from '../harness/harness.js';
import { adminsCliCases } from './console/adminsCli.cases.js';
import { adminUsersCases } from './console/adminUsers.cases.js';
import { consoleLoginCases } from './console/consoleLogin.cases.js';
import { monitoringCases } from './console/monitoring.cases.js';

describe.each(matrix())('[%s] admin console: users, sign-in, sessions, monitoring', (_name, dialect) => {
  const it = harness(dialect);
  adminUsersCases(it);
  consoleLoginCases(it);
  monitoringCases(it);
  adminsCliCases(it);
});
