import { buildASTSchema, introspectionFromSchema, parse } from 'graphql';

/** What GraphiQL hands a fetcher. */
interface GraphQLParams {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}

/** GraphiQL's schema request goes out under this name, and is answered from the subgraph SDL. */
export const SCHEMA_OPERATION = 'ChartgateIdeSchema';

/**
 * A fetcher for GraphiQL: JSON to chartgate with the API key as a bearer token plus any header
 * typed in GraphiQL's header editor; answers come back as sent. The schema comes from
 * `_service { sdl }` (the federation route, open to clients granted introspection), because the
 * standard introspection query nests deeper than the governor's depth limit allows.
 */
export function createKeyFetcher(url: string, apiKey: string) {
  const post = async (body: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    for (const [name, value] of Object.entries(extra)) if (typeof value === 'string') headers[name.toLowerCase()] = value;
    if (apiKey && !headers.authorization) headers.authorization = `Bearer ${apiKey}`;
    // the IDE uses keys, never the console's session cookie
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'omit' });
    return response.json();
  };

  return async (params: GraphQLParams, opts?: { headers?: Record<string, unknown> }) => {
    if (params.operationName !== SCHEMA_OPERATION) {
      return post({ query: params.query, operationName: params.operationName ?? undefined, variables: params.variables ?? undefined }, opts?.headers);
    }
    const answer = await post({ query: `query ${SCHEMA_OPERATION} { _service { sdl } }` }, opts?.headers);
    const sdl: unknown = answer?.data?._service?.sdl;
    if (typeof sdl !== 'string') return answer;
    // federation's own directives (@key, @link) are not defined in a subgraph's SDL: build without validating it
    const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
    return { data: introspectionFromSchema(schema) };
  };
}
