/** Counts GraphQL errors in a response body by `extensions.code`, cheaply (no JSON parse on success). */
export function collectErrorCodes(body: string, into: Record<string, number>): boolean {
  if (!body.includes('"errors"')) return false;
  const codes = body.match(/"code":"([A-Z_]+)"/g);
  if (!codes) {
    into.UNKNOWN = (into.UNKNOWN ?? 0) + 1;
    return true;
  }
  // one request may repeat its code per error; count each code once per request
  for (const code of new Set(codes.map((c) => c.slice(8, -1)))) into[code] = (into[code] ?? 0) + 1;
  return true;
}
