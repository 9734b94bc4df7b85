import { useContext } from 'react';
import type { ApiError } from '../api/ApiError';
import { explain } from '../lib/errorCodes';
import { ROLE_TITLES, SessionContext } from '../lib/session';

/**
 * An error that belongs to no single field: the server's message, its code in plain words, and
 * for a refused role, who may do it instead.
 */
export function ErrorNotice({ error, fieldsShown = [] }: { error: ApiError | undefined; fieldsShown?: string[] }) {
  const ctx = useContext(SessionContext);
  if (!error) return null;
  // a field error already shown next to its field
  if (error.code === 'BAD_USER_INPUT' && error.field && fieldsShown.some((f) => error.field === `input.${f}` || error.field!.startsWith(`input.${f}`)))
    return null;
  const role = ctx ? (ROLE_TITLES[ctx.session.user.role] ?? ctx.session.user.role) : undefined;
  const refusedRole = error.code === 'FORBIDDEN' && error.missingScopes.length > 0 && role;
  const plain = explain(error.code);
  return (
    <div className="notice notice-error" role="alert" data-testid="error-notice" data-code={error.code}>
      {refusedRole ? (
        <p>
          <strong>Refused:</strong> your role ({role}) may not do this; it needs {error.missingScopes.join(', ')}.{' '}
          {error.missingScopes.includes('admin:users') ? 'Only a System Administrator manages console users.' : 'Ask a System Administrator or Technical Lead.'}
        </p>
      ) : (
        <p>
          <strong>{plain?.title ?? error.code}:</strong> {error.message}
        </p>
      )}
      <small>
        {error.code}
        {plain ? ` — ${plain.meaning}` : ''}
      </small>
    </div>
  );
}
