/** What GraphiQL hands a fetcher. */
interface GraphQLParams {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}

/**
 * A fetcher for GraphiQL: JSON to chartgate with the API key as a bearer token plus any header
 * typed in GraphiQL's header editor; answers come back as sent (the schema too: GraphiQL's
 * introspection query works for a client granted introspection).
 */
export function createKeyFetcher(url: string, apiKey: string) {
  return async (params: GraphQLParams, opts?: { headers?: Record<string, unknown> }) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    for (const [name, value] of Object.entries(opts?.headers ?? {})) if (typeof value === 'string') headers[name.toLowerCase()] = value;
    if (apiKey && !headers.authorization) headers.authorization = `Bearer ${apiKey}`;
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: params.query, operationName: params.operationName ?? undefined, variables: params.variables ?? undefined }),
      // the IDE uses keys, never the console's session cookie
      credentials: 'omit',
    });
    return response.json();
  };
}
