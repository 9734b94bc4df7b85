import { useState } from 'react';
import { ApiError } from '../api/ApiError';
import { navigate } from '../lib/router';
import { can, useSession } from '../lib/session';
import { useMutation } from '../lib/useMutation';
import type { useSchemaSupport } from '../lib/useSchemaSupport';
import { ClientForm, toClientInput, type ClientFormValues } from './ClientForm';
import { ConfirmDialog } from './ConfirmDialog';

const UPDATE = `mutation UpdateClient($input: UpdateClientInput!) { updateClient(input: $input) { client { id } } }`;
const DELETE = `mutation DeleteClient($input: DeleteClientInput!) { deleteClient(input: $input) { client { id status } revokedKeyIds } }`;

/** Only what the person changed is sent: every field of UpdateClientInput is optional, and unsent fields stay as they are. */
function changedInput(initial: ClientFormValues, next: ClientFormValues, fields: Set<string>, limitsAsText: boolean): Record<string, unknown> {
  const before = toClientInput(initial);
  const after = toClientInput(next);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (fields.has(key) && JSON.stringify(value) !== JSON.stringify(before[key])) out[key] = value;
  }
  if (fields.has('limits') && next.limits.trim() !== initial.limits.trim()) {
    const text = next.limits.trim();
    if (!text) out.limits = null;
    else if (limitsAsText) out.limits = text;
    else {
      try {
        out.limits = JSON.parse(text);
      } catch {
        throw new ApiError('limits must be a JSON object, e.g. {"maxCost": 20000}', { code: 'BAD_USER_INPUT', field: 'input.limits' });
      }
    }
  }
  return out;
}

/** Editing a client through the admin API's updateClient: scopes, clinics, IPs, limits and the rest. */
export function EditClient({
  clientId,
  initial,
  support,
  onSaved,
}: {
  clientId: string;
  initial: ClientFormValues;
  support: ReturnType<typeof useSchemaSupport>;
  onSaved: () => void;
}) {
  const { session } = useSession();
  const update = useMutation(UPDATE);
  const remove = useMutation(DELETE);
  const [localError, setLocalError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  const [deleting, setDeleting] = useState(false);
  // what the server holds since the last save: the next save sends only what differs from it
  const [baseline, setBaseline] = useState(initial);
  if (!support.updateClient) {
    return (
      <section className="panel" data-testid="edit-client">
        <h2>Settings</h2>
        <p className="muted">This chartgate’s admin API does not offer client editing (updateClient) yet; the settings are shown read-only.</p>
        <ClientForm initial={initial} submitLabel="Save" pending={false} readOnly onSubmit={() => undefined} />
      </section>
    );
  }
  return (
    <section className="panel" data-testid="edit-client">
      <h2>Settings</h2>
      {saved ? <p className="notice notice-ok">Saved.</p> : null}
      <ClientForm
        initial={initial}
        submitLabel="Save changes"
        withLimits={support.updateFields.has('limits')}
        pending={update.pending}
        error={localError ?? update.error}
        onSubmit={async (values) => {
          setSaved(false);
          setLocalError(undefined);
          let input: Record<string, unknown>;
          try {
            input = changedInput(baseline, values, support.updateFields, support.limitsAsText);
          } catch (e) {
            setLocalError(e as ApiError);
            return;
          }
          if (await update.run({ input: { clientId, ...input } })) {
            setBaseline(values);
            setSaved(true);
            onSaved();
          }
        }}
      />
      {support.deleteClient && can(session, 'admin') ? (
        <div className="actions">
          <button type="button" className="danger" onClick={() => setDeleting(true)} data-testid="delete-client">
            Delete client…
          </button>
        </div>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={`Delete ${initial.name}?`}
          confirmLabel="Delete now"
          danger
          pending={remove.pending}
          error={remove.error}
          onConfirm={async () => {
            if (await remove.run({ input: { clientId } })) navigate('/');
          }}
          onCancel={() => {
            remove.clearError();
            setDeleting(false);
          }}
        >
          <p>Every key is revoked and the client can never sign in again; its log and security-log rows stay for the audit. This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
