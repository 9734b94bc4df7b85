import { when } from '../lib/format';
import { useQuery } from '../lib/useQuery';
import { ErrorNotice } from './ErrorNotice';
import { StatusBadge } from './StatusBadge';

const QUERY = `query ClientWebhooks($id: ID!) {
  webhookEndpoints(clientId: $id) { id url eventTypes status disabledReason fullPayload failingSince createdAt }
}`;

interface Endpoint {
  id: string;
  url: string;
  eventTypes: string[];
  status: string;
  disabledReason: string | null;
  fullPayload: boolean;
  failingSince: string | null;
  createdAt: string;
}

/** The client's webhook endpoints (the events API's `webhookEndpoints`): where its events go and whether they arrive. */
export function WebhookEndpoints({ clientId }: { clientId: string }) {
  const { data, error } = useQuery<{ webhookEndpoints: Endpoint[] }>(QUERY, { id: clientId });
  return (
    <section className="panel" data-testid="webhooks">
      <h2>Webhook endpoints</h2>
      <ErrorNotice error={error} />
      {data && data.webhookEndpoints.length === 0 ? <p className="muted">None: chartgate webhooks create adds one.</p> : null}
      {data && data.webhookEndpoints.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>URL</th>
              <th>Events</th>
              <th>Status</th>
              <th>Failing since</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {data.webhookEndpoints.map((e) => (
              <tr key={e.id}>
                <td>
                  <code>{e.url}</code>
                  {e.fullPayload ? <small className="muted"> full payloads</small> : null}
                </td>
                <td>{e.eventTypes.join(' ')}</td>
                <td title={e.disabledReason ?? undefined}>
                  <StatusBadge status={e.status} />
                </td>
                <td className={e.failingSince ? 'warn' : undefined}>{e.failingSince ? when(e.failingSince) : '—'}</td>
                <td>{when(e.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
