import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiError } from '../api/ApiError';
import { ErrorNotice } from './ErrorNotice';
import { Field, fieldError } from './Field';

/**
 * A confirmation with an optional reason: the one extra click between an admin and a kill switch.
 * The reason is checked by the server (its message shows under the field).
 */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  reasonLabel?: string;
  pending: boolean;
  error?: ApiError;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal?.();
  }, []);
  return (
    <dialog ref={ref} className="dialog" onCancel={props.onCancel} aria-labelledby="dialog-title">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          props.onConfirm(reason);
        }}
      >
        <h2 id="dialog-title">{props.title}</h2>
        {props.children}
        {props.reasonLabel ? (
          <Field id="reason" label={props.reasonLabel} error={fieldError(props.error, 'reason')} hint="Shown to the integration with the refusal.">
            <textarea id="reason" name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          </Field>
        ) : null}
        <ErrorNotice error={props.error} fieldsShown={['reason']} />
        <div className="actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className={props.danger ? 'danger' : 'primary'} disabled={props.pending} data-testid="confirm">
            {props.pending ? 'Working…' : props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
