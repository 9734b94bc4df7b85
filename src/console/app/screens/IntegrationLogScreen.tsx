import { useEffect, useState, type FormEvent } from 'react';
import { gql } from '../api/graphql';
import type { ApiError } from '../api/ApiError';
import { ErrorNotice } from '../components/ErrorNotice';
import { Field, fieldError } from '../components/Field';
import { ERROR_CODE_NAMES, explain } from '../lib/errorCodes';
import { localToIso, when } from '../lib/format';
import { navigate, useRoute } from '../lib/router';
import { useQuery } from '../lib/useQuery';

interface Entry {
  id: string;
  clientId: number;
  requestId: string;
  operationName: string | null;
  status: number;
  errorCode: string | null;
  durationMs: number;
  rows: number;
  cost: number;
  clientIp: string;
  createdAt: string;
}

interface Page {
  integrationLog: { edges: Array<{ node: Entry }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const LOG = `query IntegrationLog($filter: IntegrationLogFilter, $after: String) {
  integrationLog(filter: $filter, first: 50, after: $after) {
    edges { node { id clientId requestId operationName status errorCode durationMs rows cost clientIp createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CLIENTS = `query LogClients { clients { id name } }`;
const STATUSES = [200, 400, 401, 403, 404, 409, 413, 422, 429, 500, 503, 504];
const FILTERS = ['client', 'status', 'code', 'operation', 'since', 'until'] as const;

/** The integration log, newest first, filtered by client, status, error code, operation and time (kept in the address). */
export function IntegrationLogScreen() {
  const { params } = useRoute();
  const applied = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const [draft, setDraft] = useState(applied);
  const [rows, setRows] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<ApiError>();
  const clients = useQuery<{ clients: Array<{ id: string; name: string }> }>(CLIENTS);
  const nameOf = (id: number) => (id === 0 ? 'unrecognised credential' : (clients.data?.clients.find((c) => c.id === String(id))?.name ?? `client ${id}`));
  const key = FILTERS.map((k) => applied[k]).join('|');

  const filter = () => ({
    ...(applied.client ? { clientId: applied.client } : {}),
    ...(applied.status ? { status: Number(applied.status) } : {}),
    ...(applied.code ? { errorCode: applied.code } : {}),
    ...(applied.operation ? { operationName: applied.operation } : {}),
    ...(applied.since ? { since: localToIso(applied.since) } : {}),
    ...(applied.until ? { until: localToIso(applied.until) } : {}),
  });
  const load = async (after: string | null) => {
    try {
      const r = await gql<Page>(LOG, { filter: filter(), after });
      const nodes = r.integrationLog.edges.map((e) => e.node);
      setRows((old) => (after ? [...old, ...nodes] : nodes));
      setCursor(r.integrationLog.pageInfo.endCursor);
      setMore(r.integrationLog.pageInfo.hasNextPage);
      setError(undefined);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    setDraft(applied);
    void load(null);
    // reloads when the applied filters (the address) change; `load` reads them from the same render
  }, [key]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const q = new URLSearchParams(Object.entries(draft).filter(([, v]) => v !== ''));
    // the same filters again: read the log again (new requests may have come in)
    if (FILTERS.every((k) => draft[k] === applied[k])) void load(null);
    else navigate(`/log${q.size > 0 ? `?${q}` : ''}`);
  };
  const codesShown = [...new Set(rows.map((r) => r.errorCode).filter((c): c is string => !!c))];
  const set = (k: (typeof FILTERS)[number], v: string) => setDraft((d) => ({ ...d, [k]: v }));

  return (
    <section>
      <h1>Integration log</h1>
      <form className="filters" onSubmit={apply} aria-label="Filters">
        <Field id="f-client" label="Client" error={fieldError(error, 'clientId', 'filter.')}>
          <select id="f-client" value={draft.client} onChange={(e) => set('client', e.target.value)}>
            <option value="">any</option>
            <option value="0">unrecognised credential</option>
            {clients.data?.clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="f-status" label="HTTP status">
          <select id="f-status" value={draft.status} onChange={(e) => set('status', e.target.value)}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
        <Field id="f-code" label="Error code">
          <select id="f-code" value={draft.code} onChange={(e) => set('code', e.target.value)}>
            <option value="">any</option>
            {ERROR_CODE_NAMES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </Field>
        <Field id="f-operation" label="Operation">
          <input id="f-operation" value={draft.operation} onChange={(e) => set('operation', e.target.value)} placeholder="operation name" />
        </Field>
        <Field id="f-since" label="Since" error={fieldError(error, 'since', 'filter.')}>
          <input id="f-since" type="datetime-local" value={draft.since} onChange={(e) => set('since', e.target.value)} />
        </Field>
        <Field id="f-until" label="Until" error={fieldError(error, 'until', 'filter.')}>
          <input id="f-until" type="datetime-local" value={draft.until} onChange={(e) => set('until', e.target.value)} />
        </Field>
        <div className="actions">
          <button type="submit" className="primary" data-testid="apply-filters">
            Apply
          </button>
          <button type="button" onClick={() => navigate('/log')}>
            Clear
          </button>
        </div>
      </form>
      <ErrorNotice error={error?.field ? undefined : error} />
      {applied.code && explain(applied.code) ? (
        <div className="notice notice-explain" data-testid="code-explained">
          <strong>
            {applied.code}: {explain(applied.code)!.title}.
          </strong>{' '}
          {explain(applied.code)!.meaning} <em>What to do:</em> {explain(applied.code)!.action}
        </div>
      ) : null}
      <div className="table-wrap">
        <table data-testid="log">
          <thead>
            <tr>
              <th>Time</th>
              <th>Client</th>
              <th>Operation</th>
              <th>Status</th>
              <th>Error</th>
              <th>ms</th>
              <th>Rows</th>
              <th>Cost</th>
              <th>IP</th>
              <th>Request id</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-error-code={r.errorCode ?? ''}>
                <td>{when(r.createdAt)}</td>
                <td>{nameOf(r.clientId)}</td>
                <td>{r.operationName ?? '—'}</td>
                <td className={`num${r.status >= 400 ? ' warn' : ''}`}>{r.status}</td>
                <td title={explain(r.errorCode)?.meaning}>{r.errorCode ?? ''}</td>
                <td className="num">{r.durationMs}</td>
                <td className="num">{r.rows}</td>
                <td className="num">{r.cost}</td>
                <td>{r.clientIp}</td>
                <td>
                  <code>{r.requestId.slice(0, 12)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && !error ? <p className="empty">No requests match.</p> : null}
      </div>
      {more ? (
        <button type="button" onClick={() => void load(cursor)}>
          Older requests
        </button>
      ) : null}
      {codesShown.length > 0 ? (
        <section className="panel">
          <h2>The error codes on this page, in plain words</h2>
          <dl className="codes">
            {codesShown.map((c) => (
              <div key={c}>
                <dt>
                  {c} — {explain(c)?.title}
                </dt>
                <dd>
                  {explain(c)?.meaning} <em>What to do:</em> {explain(c)?.action}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
    </section>
  );
}
