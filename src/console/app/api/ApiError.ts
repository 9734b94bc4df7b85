/** A refusal from chartgate, in its error shape: the stable code, the HTTP status and the input path for BAD_USER_INPUT. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field?: string;
  readonly extensions: Record<string, unknown>;

  constructor(message: string, extensions: Record<string, unknown> = {}, status = 0) {
    super(message);
    this.name = 'ApiError';
    this.code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
    const http = extensions.http as { status?: number } | undefined;
    this.status = http?.status ?? status;
    this.field = typeof extensions.field === 'string' ? extensions.field : undefined;
    this.extensions = extensions;
  }

  /** the scopes the server said were missing (FORBIDDEN) */
  get missingScopes(): string[] {
    const m = this.extensions.missingScopes;
    return Array.isArray(m) ? m.filter((s): s is string => typeof s === 'string') : [];
  }
}

/** The first error of a chartgate error body, or a generic one. */
export function apiErrorOf(body: unknown, status: number): ApiError {
  const first = (body as { errors?: Array<{ message?: string; extensions?: Record<string, unknown> }> } | null)?.errors?.[0];
  if (first) return new ApiError(first.message ?? 'Request failed', first.extensions ?? {}, status);
  return new ApiError(`The server answered HTTP ${status}`, { code: status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_SERVER_ERROR' }, status);
}
