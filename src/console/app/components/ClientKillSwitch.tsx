import { useState } from 'react';
import { can, useSession } from '../lib/session';
import { useMutation } from '../lib/useMutation';
import { ConfirmDialog } from './ConfirmDialog';
import { InstanceStatus } from './InstanceStatus';

const SUSPEND = `mutation SuspendClient($input: SuspendClientInput!) { suspendClient(input: $input) { client { id status suspendedReason } } }`;
const RESUME = `mutation ResumeClient($input: ResumeClientInput!) { resumeClient(input: $input) { client { id status suspendedReason } } }`;

/** One client's kill switch: one click, a confirmation with the public reason, then every instance's acknowledgement. */
export function ClientKillSwitch({
  client,
  onChanged,
}: {
  client: { id: string; name: string; status: string; suspendedReason: string | null };
  onChanged: () => void;
}) {
  const { session } = useSession();
  const [asking, setAsking] = useState(false);
  const [changedAt, setChangedAt] = useState<number>();
  const suspend = useMutation(SUSPEND);
  const resume = useMutation(RESUME);
  const suspended = client.status === 'SUSPENDED';
  const allowed = can(session, 'admin');
  const action = suspended ? resume : suspend;

  const confirm = async (reason: string) => {
    const clicked = Date.now();
    const ok = suspended ? await resume.run({ input: { clientId: client.id } }) : await suspend.run({ input: { clientId: client.id, reason } });
    if (!ok) return;
    setAsking(false);
    setChangedAt(clicked);
    onChanged();
  };

  return (
    <section className={`panel kill ${suspended ? 'kill-off' : ''}`} data-testid="kill-switch">
      <h2>Kill switch</h2>
      {suspended ? (
        <p>
          <strong>Suspended.</strong> Every request answers CLIENT_SUSPENDED with: “{client.suspendedReason}”
        </p>
      ) : (
        <p>Active. Suspending refuses its next request on every instance and ends its running statements.</p>
      )}
      <button
        type="button"
        className={suspended ? 'primary' : 'danger'}
        disabled={!allowed}
        onClick={() => setAsking(true)}
        data-testid={suspended ? 'resume' : 'suspend'}
        title={allowed ? undefined : 'Read-only role'}
      >
        {suspended ? 'Resume…' : 'Suspend…'}
      </button>
      {!allowed ? (
        <p className="refusal" data-testid="refusal">
          Your role is read-only: it cannot suspend or resume clients (that needs the admin scope of a Technical Lead or System Administrator).
        </p>
      ) : null}
      {changedAt !== undefined ? <InstanceStatus since={changedAt} /> : null}
      {asking ? (
        <ConfirmDialog
          title={suspended ? `Resume ${client.name}?` : `Suspend ${client.name}?`}
          confirmLabel={suspended ? 'Resume now' : 'Suspend now'}
          danger={!suspended}
          reasonLabel={suspended ? undefined : 'Reason'}
          pending={action.pending}
          error={action.error}
          onConfirm={(reason) => void confirm(reason)}
          onCancel={() => {
            action.clearError();
            setAsking(false);
          }}
        >
          <p>
            {suspended ? 'Its requests will be accepted again on every instance.' : 'Its next request is refused everywhere; its running statements are ended.'}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
