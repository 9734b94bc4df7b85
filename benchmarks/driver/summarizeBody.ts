/** Counts GraphQL errors in a response body by `extensions.code`, cheaply (no JSON parse on success). */
export function collectErrorCodes(body: string, into: Record<string, number>): boolean {
  if (!body.includes('"errors"')) return false;
  let errors: { extensions?: { code?: unknown } }[] | undefined;
  try {
    errors = (JSON.parse(body) as { errors?: typeof errors }).errors;
  } catch {
    errors = undefined;
  }
  // only the errors' own codes: extensions.governor.wouldReject (measure mode) carries a code too
  const codes = (errors ?? []).map((e) => e.extensions?.code).filter((c): c is string => typeof c === 'string');
  if (codes.length === 0) {
    into.UNKNOWN = (into.UNKNOWN ?? 0) + 1;
    return true;
  }
  // one request may repeat its code per error; count each code once per request
  for (const code of new Set(codes)) into[code] = (into[code] ?? 0) + 1;
  return true;
}
