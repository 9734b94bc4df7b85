import { useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { InstanceStatus } from '../components/InstanceStatus';
import { StatusBadge } from '../components/StatusBadge';
import { ago, when } from '../lib/format';
import { can, useSession } from '../lib/session';
import { useMutation } from '../lib/useMutation';
import { useQuery } from '../lib/useQuery';

const QUERY = `query KillSwitch {
  apiStatus { enabled reason }
  identityStatus { epoch changedAt honoured instances { id host pid startedAt identityEpoch epochLoadedAt seenAt live current } }
}`;
const SET = `mutation SetApiEnabled($input: SetApiEnabledInput!) { setApiEnabled(input: $input) { enabled reason } }`;

interface Data {
  apiStatus: { enabled: boolean; reason: string | null };
  identityStatus: {
    epoch: string;
    changedAt: string | null;
    honoured: boolean;
    instances: Array<{
      id: string;
      host: string;
      pid: number;
      startedAt: string;
      identityEpoch: string;
      epochLoadedAt: string;
      seenAt: string;
      live: boolean;
      current: boolean;
    }>;
  };
}

/** The whole-API switch, and which instances enforce the latest change. */
export function KillSwitchScreen() {
  const { session } = useSession();
  const { data, error, reload } = useQuery<Data>(QUERY, undefined, { pollMs: 3000 });
  const set = useMutation(SET);
  const [asking, setAsking] = useState(false);
  const [changedAt, setChangedAt] = useState<number>();
  const allowed = can(session, 'admin');
  const enabled = data?.apiStatus.enabled ?? true;

  const confirm = async (reason: string) => {
    const clicked = Date.now();
    if (!(await set.run({ input: { enabled: !enabled, ...(enabled ? { reason } : {}) } }))) return;
    setAsking(false);
    setChangedAt(clicked);
    void reload();
  };

  return (
    <section>
      <h1>Kill switch</h1>
      <ErrorNotice error={error} />
      {data ? (
        <section className={`panel kill ${enabled ? '' : 'kill-off'}`}>
          <h2>The whole API</h2>
          <p data-testid="api-status">
            {enabled ? 'On: integrations are served.' : `Off for every integration (admin clients still pass): “${data.apiStatus.reason}”.`}
          </p>
          <button type="button" className={enabled ? 'danger' : 'primary'} disabled={!allowed} onClick={() => setAsking(true)} data-testid="api-switch">
            {enabled ? 'Switch the API off…' : 'Switch the API on…'}
          </button>
          {!allowed ? <p className="refusal">Your role is read-only: it cannot switch the API.</p> : null}
          {changedAt !== undefined ? <InstanceStatus since={changedAt} /> : null}
        </section>
      ) : null}
      {data ? (
        <section className="panel">
          <h2>Instances</h2>
          <p className="muted">
            Each chartgate process reports the identity epoch it enforces; the epoch changes with every client, key and switch change (last change{' '}
            {when(data.identityStatus.changedAt)}).
          </p>
          <table data-testid="instances">
            <thead>
              <tr>
                <th>Host</th>
                <th>PID</th>
                <th>Started</th>
                <th>State</th>
                <th>Enforces latest change</th>
                <th>Reported</th>
              </tr>
            </thead>
            <tbody>
              {data.identityStatus.instances.map((i) => (
                <tr key={i.id}>
                  <td>{i.host}</td>
                  <td className="num">{i.pid}</td>
                  <td>{when(i.startedAt)}</td>
                  <td>
                    <StatusBadge status={i.live ? 'LIVE' : 'GONE'} />
                  </td>
                  <td>{i.current ? `yes, since ${when(i.epochLoadedAt)}` : 'not yet'}</td>
                  <td>{ago(i.seenAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {asking ? (
        <ConfirmDialog
          title={enabled ? 'Switch the whole API off?' : 'Switch the API back on?'}
          confirmLabel={enabled ? 'Switch off now' : 'Switch on now'}
          danger={enabled}
          reasonLabel={enabled ? 'Reason' : undefined}
          pending={set.pending}
          error={set.error}
          onConfirm={(reason) => void confirm(reason)}
          onCancel={() => {
            set.clearError();
            setAsking(false);
          }}
        >
          <p>{enabled ? 'Every integration without the admin scope is refused with API_DISABLED.' : 'Integrations are served again on every instance.'}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
