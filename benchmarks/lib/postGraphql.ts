/** One GraphQL POST outside the load driver (capture, checks, warm facts); throws on transport errors. */
export async function postGraphql(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<{ status: number; json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  try {
    return { status: res.status, json: JSON.parse(text), ms };
  } catch {
    return { status: res.status, json: { errors: [{ message: text.slice(0, 200) }] }, ms };
  }
}

/** Throws with the first GraphQL error when a response is not a clean 200 with data. */
export function expectData(name: string, r: Awaited<ReturnType<typeof postGraphql>>): void {
  if (r.status !== 200 || r.json.errors?.length) {
    const e = r.json.errors?.[0];
    throw new Error(`${name}: HTTP ${r.status} ${e ? `${String(e.extensions?.code ?? '')} ${e.message}` : ''}`.trim());
  }
}

export const gqlBody = (query: string, variables?: Record<string, unknown>): string => JSON.stringify(variables ? { query, variables } : { query });
