import { useEffect, useState } from 'react';
import type { ApiError } from '../api/ApiError';
import { gql } from '../api/graphql';
import { ErrorNotice } from '../components/ErrorNotice';
import { when } from '../lib/format';
import { useMutation } from '../lib/useMutation';

interface Entry {
  id: string;
  permType: string;
  userId: string;
  clientId: string;
  requestId: string;
  at: string;
  text: string;
}

const LOG = `query SecurityLog($after: String) { auditLog(first: 50, after: $after) { entries { id permType userId clientId requestId at text } endCursor hasNextPage } }`;
const VERIFY = `query VerifySecurityLog { verifySecurityLog { ok checked firstBadId problem detail } }`;

/** The audit trail (every change made through chartgate and every console action, newest first) and its hash-chain check. */
export function SecurityLogScreen() {
  const [rows, setRows] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<ApiError>();
  const verify = useMutation<{ verifySecurityLog: { ok: boolean; checked: number; firstBadId: string | null; problem: string | null; detail: string | null } }>(
    VERIFY,
  );
  const [verdict, setVerdict] = useState<{ ok: boolean; checked: number; firstBadId: string | null; detail: string | null }>();

  const load = async (after: string | null) => {
    try {
      const r = await gql<{ auditLog: { entries: Entry[]; endCursor: string | null; hasNextPage: boolean } }>(LOG, { after });
      setRows((old) => (after ? [...old, ...r.auditLog.entries] : r.auditLog.entries));
      setCursor(r.auditLog.endCursor);
      setMore(r.auditLog.hasNextPage);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    void load(null);
  }, []);

  return (
    <section>
      <div className="title-row">
        <h1>Security log</h1>
        <button
          type="button"
          className="primary"
          disabled={verify.pending}
          data-testid="verify-chain"
          onClick={async () => {
            const r = await verify.run();
            if (r) setVerdict(r.verifySecurityLog);
          }}
        >
          {verify.pending ? 'Verifying…' : 'Verify chain'}
        </button>
        <button type="button" onClick={() => void load(null)}>
          Refresh
        </button>
      </div>
      {verdict ? (
        <p className={`notice ${verdict.ok ? 'notice-ok' : 'notice-error'}`} data-testid="chain-verdict" data-ok={verdict.ok}>
          {verdict.ok
            ? `Chain intact: all ${verdict.checked} rows verified, none edited, removed or reordered.`
            : `Chain broken at row ${verdict.firstBadId}: ${verdict.detail} (${verdict.checked} rows before it verified).`}
        </p>
      ) : null}
      <ErrorNotice error={error ?? verify.error} />
      <div className="table-wrap">
        <table data-testid="security-log">
          <thead>
            <tr>
              <th>#</th>
              <th>Time</th>
              <th>What</th>
              <th>User</th>
              <th>Program</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="num">{r.id}</td>
                <td>{when(r.at)}</td>
                <td>{r.permType}</td>
                <td className="num">{r.userId}</td>
                <td>{r.clientId === '0' ? 'chartgate' : `client ${r.clientId}`}</td>
                <td>{r.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more ? (
        <button type="button" onClick={() => void load(cursor)}>
          Older entries
        </button>
      ) : null}
    </section>
  );
}
