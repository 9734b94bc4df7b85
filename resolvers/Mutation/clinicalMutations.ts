import type { RequestContext } from '../../src/context.js';
import { toId, toOptionalId } from '../ids.js';

interface AddArgs {
  patientId: string;
  codeId?: string | null;
  code?: string | null;
  providerId: string;
  appointmentId?: string | null;
  fee?: string | null;
  date?: string | null;
  tooth?: string | null;
  surfaces?: string | null;
}

export async function addProcedure(_: unknown, { input }: { input: AddArgs }, ctx: RequestContext) {
  const procedure = await ctx.services.clinical.addProcedure({
    ...input,
    patientId: toId(input.patientId, 'input.patientId'),
    codeId: toOptionalId(input.codeId, 'input.codeId'),
    providerId: toId(input.providerId, 'input.providerId'),
    appointmentId: toOptionalId(input.appointmentId, 'input.appointmentId'),
  });
  return { procedure };
}

export async function completeProcedure(
  _: unknown,
  { input }: { input: { id: string; expectedVersion?: number | null; date?: string | null } },
  ctx: RequestContext,
) {
  const procedure = await ctx.services.clinical.completeProcedure({ ...input, id: toId(input.id, 'input.id') });
  return { procedure };
}
