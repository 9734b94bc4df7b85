/** Every error code chartgate answers with, in plain words: what happened and what to do. */
export const ERROR_CODES: Readonly<Record<string, { title: string; meaning: string; action: string }>> = {
  UNAUTHENTICATED: {
    title: 'Not signed in / bad key',
    meaning: 'The request had no credential, or its API key or token is unknown, expired or revoked.',
    action: 'Check that the integration sends "Authorization: Bearer <key>" with a live key; issue a new key if it was rotated or revoked.',
  },
  FORBIDDEN: {
    title: 'Not allowed',
    meaning: 'The credential is valid but may not do this: a missing scope, another clinic, an address outside its IP list, or introspection not granted.',
    action: 'Compare what it asked for with its scopes, clinics and IP list (Test connection shows them); widen them only if it really needs it.',
  },
  CLIENT_SUSPENDED: {
    title: 'Switched off',
    meaning: 'This integration’s kill switch is on; every request is refused with the reason you gave.',
    action: 'Resume it on its page once the problem is fixed.',
  },
  API_DISABLED: {
    title: 'Whole API off',
    meaning: 'The whole API is switched off for every integration (admin clients still pass).',
    action: 'Switch the API back on under Kill switch.',
  },
  OPERATION_NOT_CERTIFIED: {
    title: 'Unregistered query',
    meaning: 'A trusted-only integration sent a query that was not registered for it.',
    action: 'Register the operation (chartgate operations register) or ask the vendor which query changed.',
  },
  QUERY_TOO_COMPLEX: {
    title: 'Query too big',
    meaning: 'The query is deeper, wider or costlier than its limits allow; nothing was read.',
    action: 'Ask the vendor to page with smaller "first" values or split the query; raise the client’s limits only with care.',
  },
  THROTTLED: {
    title: 'Budget used up',
    meaning: 'The integration used its cost budget (or too many requests at once); it should wait for Retry-After.',
    action: 'Usually it recovers by itself. If it is constant, look at Live load and talk to the vendor about how often it polls.',
  },
  QUERY_TIMEOUT: {
    title: 'Took too long',
    meaning: 'A read hit its time limit (or was stopped by a hang-up or the kill switch) so it could not slow the practice down.',
    action: 'Ask the vendor to narrow the query (dates, page size); check database load if many integrations time out.',
  },
  OVERLOADED: {
    title: 'Database busy',
    meaning: 'chartgate shed the request because the database connections for reads were all busy.',
    action: 'Retrying later is safe. If it lasts, look at Live load for the integration that uses the most database time.',
  },
  BAD_USER_INPUT: {
    title: 'Bad input',
    meaning: 'A value in the request was invalid; the error names the field.',
    action: 'Fix the named field (for an integration: the vendor fixes its request).',
  },
  NOT_FOUND: {
    title: 'Not found',
    meaning: 'The row does not exist, or this integration may not see it (another clinic).',
    action: 'Check the id; for clinic-limited integrations check its clinics.',
  },
  CONFLICT: {
    title: 'Conflict',
    meaning: 'Someone changed the row first (stale version), a slot is double-booked, or the database kept deadlocking.',
    action: 'Reload and try again.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    title: 'Key reused',
    meaning: 'The same Idempotency-Key came with a different request.',
    action: 'The vendor must use a new Idempotency-Key for each new write.',
  },
  DATABASE_UNAVAILABLE: {
    title: 'Database down',
    meaning: 'chartgate could not reach the practice database.',
    action: 'Check the database server and the network; requests are safe to retry.',
  },
  WRITE_UNCONFIRMED: {
    title: 'Write not confirmed',
    meaning: 'A change was (or may have been) saved, but the answer could not confirm it; repeating it blindly could save it twice.',
    action: 'Check whether the change is there before repeating it; the vendor should send an Idempotency-Key with every write.',
  },
  SHUTTING_DOWN: {
    title: 'Instance stopping',
    meaning: 'This chartgate instance was stopping and did not run the request.',
    action: 'Nothing to fix: retrying (on another instance) is safe.',
  },
  INTERNAL_SERVER_ERROR: {
    title: 'Unexpected error',
    meaning: 'Something failed inside chartgate; details are in its log under the request id.',
    action: 'Find the request id in chartgate’s log and report it.',
  },
};

export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES);

export const explain = (code: string | null | undefined) => (code ? ERROR_CODES[code] : undefined);
