/** The data types of chartgate's scopes, each with read and/or write, and the rest. */
export const DATA_TYPES = ['patients', 'schedule', 'clinical', 'billing'] as const;
const OTHER_SCOPES = ['reports:read', 'audit:read', 'admin:read', 'admin'] as const;
export const ALL_SCOPES = [...DATA_TYPES.flatMap((t) => [`${t}:read`, `${t}:write`]), ...OTHER_SCOPES];

/** 'R', 'W', 'RW' or '' for one data type. */
export function accessOf(scopes: readonly string[], type: string): string {
  const r = scopes.includes(`${type}:read`);
  const w = scopes.includes(`${type}:write`);
  return `${r ? 'R' : ''}${w ? 'W' : ''}`;
}
