import { isDomainError } from '../lib/DomainError.js';
import { ErrorCode } from '../lib/ErrorCode.js';

/** The `chartgate` command's exit codes (documented in the README). */
export const ExitCode = Object.freeze({
  OK: 0,
  /** anything else: a conflict, a refusal, an unexpected error */
  FAILURE: 1,
  /** a bad command line or flag value */
  USAGE: 2,
  /** the client, key or row named does not exist */
  NOT_FOUND: 3,
  /** the database (or the SQLite file) cannot be reached */
  DATABASE_UNAVAILABLE: 4,
  /** a check found a problem: the security log is broken, a schema change breaks certified operations */
  VERIFICATION_FAILED: 5,
});

/** A usage error raised by our own flag checks, after commander parsed the line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The exit code and stable error code of an error a command threw. */
export function classify(error: unknown): { exitCode: number; code: string } {
  if (error instanceof UsageError) return { exitCode: ExitCode.USAGE, code: 'USAGE' };
  if (isDomainError(error)) {
    if (error.code === ErrorCode.NOT_FOUND) return { exitCode: ExitCode.NOT_FOUND, code: error.code };
    if (error.code === ErrorCode.DATABASE_UNAVAILABLE) return { exitCode: ExitCode.DATABASE_UNAVAILABLE, code: error.code };
    if (error.code === ErrorCode.BAD_USER_INPUT) return { exitCode: ExitCode.USAGE, code: error.code };
    return { exitCode: ExitCode.FAILURE, code: error.code };
  }
  if (error instanceof Error && error.name === 'ConfigError') return { exitCode: ExitCode.USAGE, code: 'INVALID_CONFIGURATION' };
  return { exitCode: ExitCode.FAILURE, code: ErrorCode.INTERNAL_SERVER_ERROR };
}
