import { GraphiQL } from 'graphiql';
import { useMemo, useState, type FormEvent } from 'react';
import { createKeyFetcher } from './createKeyFetcher';

// the key lives in this tab only (sessionStorage): closing the tab forgets it
const KEY_STORAGE = 'chartgate.ide.apiKey';

const DEFAULT_QUERY = `# chartgate's GraphQL IDE, served by chartgate itself (it works offline).
# Paste an API key above; the schema loads when the key's client is granted introspection.
query WhoAmI {
  viewer {
    client { id name kind }
    scopes
    clinics
  }
}
`;

/** GraphiQL with a field for the API key: every request carries `Authorization: Bearer <key>`. */
export function IdeApp() {
  const [key, setKey] = useState(() => sessionStorage.getItem(KEY_STORAGE) ?? '');
  const [draft, setDraft] = useState(key);
  const fetcher = useMemo(() => createKeyFetcher('/graphql', key), [key]);
  // how many types the schema has once it loaded for this key (it needs the key's client to be granted introspection)
  const [types, setTypes] = useState<number | null>(null);

  const connect = (e: FormEvent) => {
    e.preventDefault();
    const next = draft.trim();
    sessionStorage.setItem(KEY_STORAGE, next);
    setTypes(null);
    setKey(next);
  };

  return (
    <div className="ide">
      <form className="ide-bar" onSubmit={connect}>
        <strong>chartgate IDE</strong>
        <label>
          API key
          <input
            type="password"
            name="apiKey"
            autoComplete="off"
            spellCheck={false}
            placeholder="cg_xxxxxxxx_..."
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
        </label>
        <button type="submit">Use key</button>
        <span className="ide-state" data-testid="ide-key-state">
          {key ? `key ${key.slice(0, 11)}… in use` : 'no key: requests answer UNAUTHENTICATED'}
        </span>
        <span className="ide-state" data-testid="ide-schema" data-types={types ?? 0}>
          {types ? `schema loaded (${types} types)` : 'no schema yet'}
        </span>
        <a href="/admin/">Console</a>
      </form>
      <div className="ide-main">
        <GraphiQL
          key={key}
          fetcher={fetcher}
          defaultQuery={DEFAULT_QUERY}
          shouldPersistHeaders={false}
          onSchemaChange={(schema) => setTypes(Object.keys(schema.getTypeMap()).length)}
        />
      </div>
    </div>
  );
}
