import { explain } from '../lib/errorCodes';
import { when } from '../lib/format';
import { useQuery } from '../lib/useQuery';

const QUERY = `query TestConnection($id: ID!) {
  client(id: $id) {
    id status
    reach { scopes clinics actingUser { id userName } queries mutations }
    lastRequest { requestId operationName status errorCode durationMs rows cost clientIp createdAt }
  }
}`;

interface Reach {
  client: {
    status: string;
    reach: { scopes: string[]; clinics: number[] | null; actingUser: { id: string; userName: string }; queries: string[]; mutations: string[] };
    lastRequest: {
      requestId: string;
      operationName: string | null;
      status: number;
      errorCode: string | null;
      durationMs: number;
      rows: number;
      cost: number;
      clientIp: string;
      createdAt: string;
    } | null;
  } | null;
}

/** "Test connection": what the client's credential can reach (its viewer, and the fields its scopes allow) and how its last request went. */
export function TestConnection({ clientId }: { clientId: string }) {
  const { data, reload, loading } = useQuery<Reach>(QUERY, { id: clientId });
  const c = data?.client;
  const last = c?.lastRequest;
  const plain = explain(last?.errorCode);
  return (
    <section className="panel" data-testid="test-connection">
      <div className="title-row">
        <h2>Test connection</h2>
        <button type="button" onClick={() => void reload()} disabled={loading}>
          Test again
        </button>
      </div>
      {c ? (
        <>
          <p>
            Its key acts as <strong>{c.reach.actingUser.userName}</strong> (UserNum {c.reach.actingUser.id}) with {c.reach.scopes.join(' ')} on{' '}
            {c.reach.clinics === null ? 'every clinic' : `clinics ${c.reach.clinics.join(', ')}`}
            {c.status === 'SUSPENDED' ? ', but it is suspended: every request is refused.' : '.'}
          </p>
          <details>
            <summary>
              It can query {c.reach.queries.length} and change {c.reach.mutations.length} things
            </summary>
            <p>
              <strong>Queries:</strong> {c.reach.queries.join(', ') || 'none'}
            </p>
            <p>
              <strong>Mutations:</strong> {c.reach.mutations.join(', ') || 'none (read-only)'}
            </p>
          </details>
          <h3>Last request</h3>
          {last ? (
            <p data-testid="last-request" data-status={last.status}>
              {when(last.createdAt)}: {last.operationName ?? 'anonymous operation'} → HTTP {last.status}
              {last.errorCode ? ` ${last.errorCode}` : ' OK'} in {last.durationMs} ms, {last.rows} rows, cost {last.cost}, from {last.clientIp}
              {plain ? (
                <>
                  <br />
                  <em>{plain.meaning}</em> {plain.action}
                </>
              ) : null}
            </p>
          ) : (
            <p className="muted">No request logged yet.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
