import { useEffect, useState } from 'react';
import { gql } from '../api/graphql';
import { ago } from '../lib/format';

interface Status {
  identityStatus: {
    epoch: string;
    honoured: boolean;
    instances: Array<{ id: string; host: string; pid: number; live: boolean; current: boolean; seenAt: string; epochLoadedAt: string }>;
  };
}

const QUERY = `query IdentityStatus { identityStatus { epoch honoured instances { id host pid live current seenAt epochLoadedAt } } }`;

/**
 * After a kill-switch change: polls every instance's report until each live one enforces the new
 * identity epoch, and says how long that took (measured from `since`, the moment of the click).
 */
export function InstanceStatus({ since }: { since: number }) {
  const [status, setStatus] = useState<Status['identityStatus']>();
  const [doneAfter, setDoneAfter] = useState<number>();
  useEffect(() => {
    let stop = false;
    const tick = async () => {
      try {
        const { identityStatus } = await gql<Status>(QUERY);
        if (stop) return;
        setStatus(identityStatus);
        if (identityStatus.honoured) {
          setDoneAfter((d) => d ?? Date.now() - since);
          return;
        }
      } catch {
        // the next tick retries; the session-ended path is handled globally
      }
      if (!stop) setTimeout(() => void tick(), 250);
    };
    void tick();
    return () => {
      stop = true;
    };
  }, [since]);
  if (!status) return <p className="muted">Checking every instance…</p>;
  const live = status.instances.filter((i) => i.live);
  const current = live.filter((i) => i.current);
  return (
    <div className={`notice ${status.honoured ? 'notice-ok' : 'notice-wait'}`} data-testid="honoured" data-honoured={status.honoured}>
      <p>
        {status.honoured
          ? `Honoured by every instance (${current.length} of ${live.length})${doneAfter !== undefined ? `, ${(doneAfter / 1000).toFixed(1)} s after the click` : ''}.`
          : `Waiting: ${current.length} of ${live.length} instances enforce it so far…`}
      </p>
      <ul className="instances">
        {status.instances.map((i) => (
          <li key={i.id}>
            {i.host} pid {i.pid}: {!i.live ? 'gone (no report for a while)' : i.current ? 'enforcing' : 'not yet'} · reported {ago(i.seenAt)}
          </li>
        ))}
      </ul>
    </div>
  );
}
