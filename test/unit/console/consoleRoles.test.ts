import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkScopes } from '../../../src/auth/scopes/checkScopes.js';
import { createScopeCollector } from '../../../src/auth/scopes/collectRequiredScopes.js';
import { reachableFields } from '../../../src/auth/scopes/reachableFields.js';
import { CONSOLE_ROLES, scopesOfRole } from '../../../src/lib/consoleRoles.js';
import { holdsScope } from '../../../src/lib/holdsScope.js';
import { buildSchema } from '../../../src/schema/buildSchema.js';
import { resolvers } from '../../../resolvers/index.js';

const schema = buildSchema(resolvers);
const collect = createScopeCollector(schema);
const allowed = (scopes: ReadonlySet<string>, document: string): boolean => {
  const doc = parse(document);
  const op = doc.definitions[0];
  if (op.kind !== 'OperationDefinition') throw new Error('not an operation');
  try {
    checkScopes(collect(op, {}), scopes);
    return true;
  } catch {
    return false;
  }
};

describe('console roles and admin scopes', () => {
  it('admin implies admin:read, nothing else implies anything', () => {
    expect(holdsScope(new Set(['admin']), 'admin:read')).toBe(true);
    expect(holdsScope(new Set(['admin:read']), 'admin')).toBe(false);
    expect(holdsScope(new Set(['admin']), 'admin:users')).toBe(false);
    expect(holdsScope(new Set(['admin']), 'audit:read')).toBe(false);
  });

  it('each role carries its scopes; an unknown role carries none', () => {
    expect([...scopesOfRole('system-administrator')].sort()).toEqual(['account:write', 'admin', 'admin:read', 'admin:users', 'audit:read']);
    expect([...scopesOfRole('technical-lead')].sort()).toEqual(['account:write', 'admin', 'admin:read', 'audit:read']);
    expect([...scopesOfRole('auditor')].sort()).toEqual(['account:write', 'admin:read', 'audit:read']);
    expect(scopesOfRole('owner').size).toBe(0);
    expect(CONSOLE_ROLES).toHaveLength(3);
  });

  it('the schema lets an Auditor read clients, logs and the security log but change nothing but its own account', () => {
    const auditor = scopesOfRole('auditor');
    expect(allowed(auditor, '{ clients { id keys { prefix } lastHour { requests } } integrationLog { edges { node { id } } } apiStatus { enabled } }')).toBe(
      true,
    );
    expect(allowed(auditor, '{ auditLog { entries { id } } verifySecurityLog { ok } loadSeries { minutes } identityStatus { honoured } }')).toBe(true);
    expect(allowed(auditor, 'mutation { suspendClient(input: { clientId: 1, reason: "x" }) { client { id } } }')).toBe(false);
    expect(allowed(auditor, 'mutation { setApiEnabled(input: { enabled: false, reason: "x" }) { enabled } }')).toBe(false);
    expect(allowed(auditor, 'mutation { changeMyPassword(input: { currentPassword: "a", newPassword: "b" }) { adminUser { id } } }')).toBe(true);
    expect(allowed(auditor, '{ adminUsers { id } }')).toBe(false);
  });

  it('a Technical Lead does everything but console users; a System Administrator manages them too', () => {
    const lead = scopesOfRole('technical-lead');
    expect(allowed(lead, 'mutation { suspendClient(input: { clientId: 1, reason: "x" }) { client { id } } }')).toBe(true);
    expect(allowed(lead, 'mutation { issueKey(input: { clientId: 1 }) { key { key } } }')).toBe(true);
    expect(allowed(lead, '{ adminUsers { id } }')).toBe(false);
    expect(allowed(lead, 'mutation { createAdminUser(input: { userName: "a", role: AUDITOR, password: "b" }) { adminUser { id } } }')).toBe(false);
    const sysadmin = scopesOfRole('system-administrator');
    expect(allowed(sysadmin, '{ adminUsers { id } }')).toBe(true);
    expect(allowed(sysadmin, 'mutation { disableAdminUser(input: { adminUserId: 2 }) { adminUser { id } } }')).toBe(true);
  });

  it('an API-key client with admin reads and writes the admin API as before', () => {
    const key = new Set(['admin']);
    expect(allowed(key, '{ clients { id keys { prefix } } integrationLog { edges { node { id } } } apiStatus { enabled } }')).toBe(true);
    expect(allowed(key, 'mutation { suspendClient(input: { clientId: 1, reason: "x" }) { client { id } } }')).toBe(true);
    expect(allowed(key, '{ adminUsers { id } }')).toBe(false);
    expect(allowed(new Set(['patients:read']), '{ clients { id } }')).toBe(false);
  });

  it('reachableFields lists what a client may select: read scopes give queries and no mutations', () => {
    const reader = reachableFields(schema, new Set(['patients:read', 'schedule:read']));
    expect(reader.queries).toEqual(expect.arrayContaining(['patients', 'appointments', 'viewer']));
    expect(reader.queries).not.toContain('clients');
    expect(reader.mutations).toEqual([]);
    const admin = reachableFields(schema, new Set(['admin']));
    expect(admin.queries).toEqual(expect.arrayContaining(['clients', 'integrationLog']));
    expect(admin.mutations).toEqual(expect.arrayContaining(['suspendClient', 'rotateKey', 'issueKey']));
    expect(admin.queries.some((q) => q.startsWith('_'))).toBe(false);
  });
});
