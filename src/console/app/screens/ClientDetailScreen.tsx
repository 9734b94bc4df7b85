import { ClientKillSwitch } from '../components/ClientKillSwitch';
import type { ClientFormValues } from '../components/ClientForm';
import { EditClient } from '../components/EditClient';
import { ErrorNotice } from '../components/ErrorNotice';
import type { ClientSummary } from '../lib/clientTypes';
import { KeysPanel, type KeyRow } from '../components/KeysPanel';
import { StatusBadge } from '../components/StatusBadge';
import { TestConnection } from '../components/TestConnection';
import { WebhookEndpoints } from '../components/WebhookEndpoints';
import { when } from '../lib/format';
import { Link } from '../lib/router';
import { useQuery } from '../lib/useQuery';
import { useSchemaSupport } from '../lib/useSchemaSupport';

const QUERY = `query ClientDetail($id: ID!) {
  client(id: $id) {
    id name vendor kind class status suspendedReason scopes clinicIds ipAllowList mode trustedOnly allowIntrospection mayActForStaff
    serviceUser { id userName } createdAt updatedAt
    keys { id prefix status createdAt expiresAt revokedAt lastUsedAt }
    certifiedOperations { hash name cost createdAt }
  }
}`;

interface Detail {
  client:
    | (ClientSummary & {
        trustedOnly: boolean;
        allowIntrospection: boolean;
        mayActForStaff: boolean;
        serviceUser: { id: string; userName: string };
        createdAt: string;
        updatedAt: string;
        keys: KeyRow[];
        certifiedOperations: Array<{ hash: string; name: string; cost: number; createdAt: string }>;
      })
    | null;
}

const formValues = (c: NonNullable<Detail['client']>): ClientFormValues => ({
  name: c.name,
  vendor: c.vendor,
  kind: c.kind,
  class: c.class,
  scopes: c.scopes,
  clinics: (c.clinicIds ?? []).join(', '),
  ips: c.ipAllowList.join(', '),
  mode: c.mode,
  trustedOnly: c.trustedOnly,
  allowIntrospection: c.allowIntrospection,
  mayActForStaff: c.mayActForStaff,
  staff: '',
  limits: '',
});

/** One integration: kill switch, keys, OAuth credentials, settings, certified operations and its test connection. */
export function ClientDetailScreen({ id }: { id: string }) {
  const { data, error, reload } = useQuery<Detail>(QUERY, { id });
  const support = useSchemaSupport();
  const c = data?.client;
  const livePrefix = c?.keys.find((k) => k.status === 'ACTIVE')?.prefix ?? 'cg_xxxxxxxx';
  return (
    <section>
      <p>
        <Link to="/">← Connections</Link>
      </p>
      <ErrorNotice error={error} />
      {data && !c ? <p className="notice notice-error">There is no client {id}.</p> : null}
      {c ? (
        <>
          <div className="title-row">
            <h1>{c.name}</h1>
            <StatusBadge status={c.status} />
            <span className="muted">
              {c.kind.toLowerCase()} · {c.class.toLowerCase()} · {c.vendor || 'no vendor'} · service user {c.serviceUser.userName} · created {when(c.createdAt)}
            </span>
            <Link to={`/log?client=${c.id}`}>Its integration log</Link>
          </div>
          <ClientKillSwitch client={c} onChanged={() => void reload()} />
          <KeysPanel clientId={c.id} keys={c.keys} onChanged={() => void reload()} />
          <section className="panel">
            <h2>OAuth 2.0 credentials</h2>
            <p>
              Any live key doubles as OAuth client credentials: <code>client_id</code> is its prefix (e.g. <code>{livePrefix}</code>) and{' '}
              <code>client_secret</code> is the rest of the key after the second underscore. The integration posts them to <code>/oauth/token</code>{' '}
              (grant_type=client_credentials) for a short-lived bearer token carrying at most this client’s scopes; a token dies with its key.
            </p>
          </section>
          {support.loaded ? <EditClient key={c.id} clientId={c.id} initial={formValues(c)} support={support} onSaved={() => void reload()} /> : null}
          <section className="panel">
            <h2>Certified operations</h2>
            {c.trustedOnly ? (
              <p>This client may run only these operations.</p>
            ) : (
              <p className="muted">Not trusted-only: it may send any operation its scopes allow.</p>
            )}
            {c.certifiedOperations.length > 0 ? (
              <table>
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>sha256</th>
                    <th>Cost</th>
                    <th>Registered</th>
                  </tr>
                </thead>
                <tbody>
                  {c.certifiedOperations.map((o) => (
                    <tr key={o.hash}>
                      <td>{o.name || '—'}</td>
                      <td>
                        <code>{o.hash.slice(0, 16)}…</code>
                      </td>
                      <td className="num">{o.cost}</td>
                      <td>{when(o.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">None registered (chartgate operations register {c.id} ops.graphql).</p>
            )}
          </section>
          {support.webhooks ? <WebhookEndpoints clientId={c.id} /> : null}
          <TestConnection clientId={c.id} />
        </>
      ) : null}
    </section>
  );
}
