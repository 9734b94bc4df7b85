/**
 * The console's roles and the scopes each one's session carries. `admin` implies `admin:read`
 * (src/lib/holdsScope.ts); `account:write` lets every role change its own password and TOTP.
 */
export const CONSOLE_ROLES = Object.freeze(['system-administrator', 'technical-lead', 'auditor'] as const);

export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

const SCOPES: Readonly<Record<ConsoleRole, readonly string[]>> = Object.freeze({
  // everything, including the console's own users
  'system-administrator': Object.freeze(['admin', 'admin:read', 'admin:users', 'audit:read', 'account:write']),
  // everything but the console's users
  'technical-lead': Object.freeze(['admin', 'admin:read', 'audit:read', 'account:write']),
  // read-only: clients, logs and the security log
  auditor: Object.freeze(['admin:read', 'audit:read', 'account:write']),
});

export const ROLE_TITLES: Readonly<Record<ConsoleRole, string>> = Object.freeze({
  'system-administrator': 'System Administrator',
  'technical-lead': 'Technical Lead',
  auditor: 'Auditor',
});

export const isConsoleRole = (value: string): value is ConsoleRole => (CONSOLE_ROLES as readonly string[]).includes(value);

/** The scopes of a role's sessions (none for an unknown role: deny by default). */
export const scopesOfRole = (role: string): ReadonlySet<string> => new Set(isConsoleRole(role) ? SCOPES[role] : []);
