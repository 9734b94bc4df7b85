import { ErrorNotice } from '../components/ErrorNotice';
import { StatusBadge } from '../components/StatusBadge';
import { ago } from '../lib/format';
import { Link } from '../lib/router';
import { accessOf, DATA_TYPES } from '../lib/scopes';
import { can, useSession } from '../lib/session';
import type { ClientSummary } from '../lib/clientTypes';
import { useQuery } from '../lib/useQuery';

export interface ClientRow extends ClientSummary {
  lastUsedAt: string | null;
  lastHour: { requests: number; errors: number; lastRequestAt: string | null };
}

const QUERY = `query Connections {
  apiStatus { enabled reason }
  clients { id name vendor kind class status suspendedReason scopes clinicIds ipAllowList mode lastUsedAt lastHour { requests errors lastRequestAt } }
}`;

/** Every integration at a glance: status, kind and class, access by data type, limits, and its last hour. */
export function ConnectionsScreen() {
  const { session } = useSession();
  const { data, error, reload } = useQuery<{ apiStatus: { enabled: boolean; reason: string | null }; clients: ClientRow[] }>(QUERY, undefined, {
    pollMs: 10_000,
  });
  return (
    <section>
      <div className="title-row">
        <h1>Connections</h1>
        <button type="button" onClick={() => void reload()}>
          Refresh
        </button>
        {can(session, 'admin') ? (
          <Link to="/clients/new" className="button primary" data-testid="new-client">
            New client
          </Link>
        ) : null}
      </div>
      {data && !data.apiStatus.enabled ? (
        <p className="notice notice-error">
          The whole API is switched off: {data.apiStatus.reason}. <Link to="/kill-switch">Kill switch</Link>
        </p>
      ) : null}
      <ErrorNotice error={error} />
      {data ? (
        <div className="table-wrap">
          <table data-testid="connections">
            <thead>
              <tr>
                <th>Client</th>
                <th>Status</th>
                <th>Kind / class</th>
                {DATA_TYPES.map((t) => (
                  <th key={t} title={`${t}: R = read, W = write`}>
                    {t}
                  </th>
                ))}
                <th>Other scopes</th>
                <th>Clinics</th>
                <th>IPs</th>
                <th>Mode</th>
                <th>Last use</th>
                <th>Requests (1 h)</th>
                <th>Errors (1 h)</th>
              </tr>
            </thead>
            <tbody>
              {data.clients.map((c) => (
                <tr key={c.id} data-client-id={c.id}>
                  <td>
                    <Link to={`/clients/${c.id}`}>{c.name}</Link>
                    {c.vendor ? <small className="muted"> {c.vendor}</small> : null}
                  </td>
                  <td title={c.suspendedReason ?? undefined}>
                    <StatusBadge status={c.status} />
                  </td>
                  <td>
                    {c.kind.toLowerCase()} / {c.class.toLowerCase()}
                  </td>
                  {DATA_TYPES.map((t) => (
                    <td key={t} className="access">
                      {accessOf(c.scopes, t) || '—'}
                    </td>
                  ))}
                  <td>{c.scopes.filter((s) => !DATA_TYPES.some((t) => s.startsWith(`${t}:`))).join(' ') || '—'}</td>
                  <td>{c.clinicIds === null ? 'all' : c.clinicIds.join(', ')}</td>
                  <td>{c.ipAllowList.length === 0 ? 'any' : c.ipAllowList.join(', ')}</td>
                  <td>{c.mode}</td>
                  <td title={c.lastUsedAt ?? undefined}>{ago(c.lastUsedAt ?? c.lastHour.lastRequestAt)}</td>
                  <td className="num">{c.lastHour.requests}</td>
                  <td className={`num${c.lastHour.errors > 0 ? ' warn' : ''}`}>
                    {c.lastHour.errors > 0 ? <Link to={`/log?client=${c.id}`}>{c.lastHour.errors}</Link> : 0}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.clients.length === 0 ? <p className="empty">No integration clients yet.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
