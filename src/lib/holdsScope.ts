/** Scopes a broader one carries with it: `admin` can do everything `admin:read` can. */
const IMPLIED_BY: Readonly<Record<string, string>> = Object.freeze({ 'admin:read': 'admin' });

/** True when the granted set holds `scope` itself or the scope that implies it. */
export function holdsScope(granted: ReadonlySet<string>, scope: string): boolean {
  if (granted.has(scope)) return true;
  const broader = IMPLIED_BY[scope];
  return broader !== undefined && granted.has(broader);
}
