import type { ReactNode } from 'react';
import type { ApiError } from '../api/ApiError';

/** The server's message for this field: BAD_USER_INPUT whose extensions.field is `input.<name>` (or an index or key below it). */
export function fieldError(error: ApiError | undefined, name: string, prefix = 'input.'): string | undefined {
  if (!error || error.code !== 'BAD_USER_INPUT' || !error.field) return undefined;
  const path = `${prefix}${name}`;
  return error.field === path || error.field.startsWith(`${path}[`) || error.field.startsWith(`${path}.`) ? error.message : undefined;
}

/** A labelled input with the server's message under it. */
export function Field({ label, error, hint, children, id }: { label: string; error?: string; hint?: string; children: ReactNode; id: string }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error ? <small className="hint">{hint}</small> : null}
      {error ? (
        <small className="field-error" role="alert" data-testid={`error-${id}`}>
          {error}
        </small>
      ) : null}
    </div>
  );
}
