import type { RequestContext } from '../../src/context.js';
import { toOptionalId } from '../ids.js';

interface AuditLogArgs {
  patientId?: string | null;
  clientId?: string | null;
  userId?: string | null;
  since?: string | null;
  until?: string | null;
  first?: number | null;
  after?: string | null;
}

/** Query.auditLog: the security log by patient, client, user or time (audit:read). */
export function auditLog(_: unknown, args: AuditLogArgs, ctx: RequestContext) {
  // client id 0 (chartgate itself) and user 0 are real stamps, so ids here may be 0
  const id = (v: string | null | undefined, field: string) => (v === '0' ? 0 : toOptionalId(v, field));
  return ctx.services.audit.auditLog(
    {
      patientId: toOptionalId(args.patientId, 'patientId'),
      clientId: id(args.clientId, 'clientId'),
      userId: id(args.userId, 'userId'),
      since: args.since,
      until: args.until,
    },
    args.first,
    args.after,
  );
}
