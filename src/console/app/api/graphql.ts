import { ApiError, apiErrorOf } from './ApiError';

const CSRF_COOKIE = 'cg_console_csrf';

/** The session's CSRF token, from its readable cookie (the session cookie itself is HttpOnly). */
function csrfToken(): string {
  const match = document.cookie
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(CSRF_COOKIE.length + 1)) : '';
}

type Listener = (error: ApiError) => void;
const sessionListeners = new Set<Listener>();

/** Called whenever a request finds the session ended (the app shows the sign-in, keeping the page). */
export function onSessionEnded(listener: Listener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

const ended = (e: ApiError) => e.code === 'UNAUTHENTICATED' || (e.code === 'FORBIDDEN' && e.extensions.reason === 'CSRF');

/** One GraphQL request to chartgate's own /graphql with the console session; throws ApiError on any error. */
export async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', 'x-csrf-token': csrfToken() },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('chartgate cannot be reached; check that it is running', { code: 'DATABASE_UNAVAILABLE' });
  }
  const body = (await response.json().catch(() => null)) as { data?: T; errors?: unknown[] } | null;
  if (!body || (body.errors && body.errors.length > 0) || body.data === undefined) {
    const error = apiErrorOf(body, response.status);
    if (ended(error)) sessionListeners.forEach((l) => l(error));
    throw error;
  }
  return body.data;
}

/** The console's sign-in routes (POST JSON); throws ApiError with the route's error. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const parsed = (await response.json().catch(() => null)) as T | null;
  if (!response.ok || parsed === null) throw apiErrorOf(parsed, response.status);
  return parsed;
}
