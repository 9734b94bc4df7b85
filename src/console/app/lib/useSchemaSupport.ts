import { useQuery } from './useQuery';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

const QUERY = `query ConsoleSchemaSupport {
  query: __type(name: "Query") { fields { name } }
  mutation: __type(name: "Mutation") { fields { name } }
  client: __type(name: "Client") { fields { name } }
  update: __type(name: "UpdateClientInput") { inputFields { name type { kind name ofType { kind name ofType { kind name } } } } }
}`;

const named = (t: TypeRef | null): TypeRef | null => (t && t.kind === 'NON_NULL' ? named(t.ofType) : t);

/**
 * What this chartgate's admin API offers beyond the console's own fields (client editing and
 * deletion, webhook endpoints): the console shows those parts only when they exist.
 */
export function useSchemaSupport() {
  const { data } = useQuery<{
    query: { fields: Array<{ name: string }> } | null;
    mutation: { fields: Array<{ name: string }> } | null;
    client: { fields: Array<{ name: string }> } | null;
    update: { inputFields: Array<{ name: string; type: TypeRef }> } | null;
  }>(QUERY);
  const queries = new Set(data?.query?.fields.map((f) => f.name) ?? []);
  const mutations = new Set(data?.mutation?.fields.map((f) => f.name) ?? []);
  const updateFields = new Map((data?.update?.inputFields ?? []).map((f) => [f.name, named(f.type)]));
  const limits = updateFields.get('limits');
  return {
    loaded: data !== undefined,
    updateClient: mutations.has('updateClient'),
    deleteClient: mutations.has('deleteClient'),
    /** the events API's endpoints (webhookEndpoints) */
    webhooks: queries.has('webhookEndpoints'),
    /** the edit input's fields (only these are sent) */
    updateFields: new Set(updateFields.keys()),
    /** limits as a JSON text (String) or as an object (a JSON scalar or an input type) */
    limitsAsText: limits?.kind === 'SCALAR' && limits.name === 'String',
  };
}
