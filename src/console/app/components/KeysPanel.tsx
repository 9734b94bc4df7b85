import { useState } from 'react';
import { localToIso, when } from '../lib/format';
import { can, useSession } from '../lib/session';
import { useMutation } from '../lib/useMutation';
import { ErrorNotice } from './ErrorNotice';
import { Field, fieldError } from './Field';
import { KeyReveal } from './KeyReveal';
import { StatusBadge } from './StatusBadge';

export interface KeyRow {
  id: string;
  prefix: string;
  status: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

type Issued = { id: string; prefix: string; key: string; expiresAt: string | null };

const ISSUE = `mutation IssueKey($input: IssueKeyInput!) { issueKey(input: $input) { key { id prefix key expiresAt } } }`;
const ROTATE = `mutation RotateKey($input: RotateKeyInput!) { rotateKey(input: $input) { key { id prefix key expiresAt } } }`;
const REVOKE = `mutation RevokeKey($input: RevokeKeyInput!) { revokeKey(input: $input) { client { id } } }`;

/** A client's keys: create one (optionally expiring), rotate (older keys expire after a grace period), revoke. */
export function KeysPanel({ clientId, keys, onChanged }: { clientId: string; keys: KeyRow[]; onChanged: () => void }) {
  const { session } = useSession();
  const allowed = can(session, 'admin');
  const [issued, setIssued] = useState<Issued>();
  const [expires, setExpires] = useState('');
  const [grace, setGrace] = useState('');
  const issue = useMutation<{ issueKey: { key: Issued } }>(ISSUE);
  const rotate = useMutation<{ rotateKey: { key: Issued } }>(ROTATE);
  const revoke = useMutation(REVOKE);

  const create = async () => {
    const r = await issue.run({ input: { clientId, expiresAt: localToIso(expires) } });
    if (r) {
      setIssued(r.issueKey.key);
      onChanged();
    }
  };
  const doRotate = async () => {
    const g = grace.trim();
    // a non-number goes to the server as typed, which refuses it with its own message
    const r = await rotate.run({ input: { clientId, ...(g ? { graceSeconds: /^\d+$/.test(g) ? Number(g) : g } : {}) } });
    if (r) {
      setIssued(r.rotateKey.key);
      onChanged();
    }
  };
  const doRevoke = async (keyId: string, prefix: string) => {
    if (!window.confirm(`Revoke key ${prefix}? Requests with it are refused at once.`)) return;
    if (await revoke.run({ input: { keyId } })) onChanged();
  };

  return (
    <section className="panel" data-testid="keys">
      <h2>API keys</h2>
      {issued ? <KeyReveal issued={issued} onDone={() => setIssued(undefined)} /> : null}
      <table>
        <thead>
          <tr>
            <th>Prefix</th>
            <th>Status</th>
            <th>Created</th>
            <th>Expires</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id} data-key-prefix={k.prefix}>
              <td>
                <code>{k.prefix}</code>
              </td>
              <td>
                <StatusBadge status={k.status} />
              </td>
              <td>{when(k.createdAt)}</td>
              <td>{k.expiresAt ? when(k.expiresAt) : 'never'}</td>
              <td>{when(k.lastUsedAt)}</td>
              <td>
                {k.status === 'ACTIVE' && allowed ? (
                  <button type="button" onClick={() => void doRevoke(k.id, k.prefix)}>
                    Revoke
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Only a key’s prefix is ever shown again; the full key appears once, when it is issued.</p>
      {allowed ? (
        <div className="grid2">
          <div className="subpanel">
            <Field id="expiresAt" label="New key’s expiry" error={fieldError(issue.error, 'expiresAt')} hint="Empty = never.">
              <input id="expiresAt" type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />
            </Field>
            <button type="button" onClick={() => void create()} disabled={issue.pending} data-testid="create-key">
              Create key
            </button>
            <ErrorNotice error={issue.error} fieldsShown={['expiresAt']} />
          </div>
          <div className="subpanel">
            <Field
              id="grace"
              label="Rotation grace (seconds)"
              error={fieldError(rotate.error, 'graceSeconds')}
              hint="How long the older keys keep working; empty = the server’s default."
            >
              <input id="grace" inputMode="numeric" value={grace} onChange={(e) => setGrace(e.target.value)} />
            </Field>
            <button type="button" onClick={() => void doRotate()} disabled={rotate.pending} data-testid="rotate-key">
              Rotate keys
            </button>
            <ErrorNotice error={rotate.error} fieldsShown={['graceSeconds']} />
          </div>
        </div>
      ) : null}
      <ErrorNotice error={revoke.error} />
    </section>
  );
}
