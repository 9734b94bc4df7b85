import type { RequestContext } from '../../src/context.js';
import { toId, toOptionalId } from '../ids.js';

interface PaymentArgs {
  patientId: string;
  amount: string;
  type: string;
  date?: string | null;
  checkNumber?: string | null;
  note?: string | null;
  splits: { amount: string; procedureId?: string | null; providerId?: string | null }[];
}

export async function recordPayment(_: unknown, { input }: { input: PaymentArgs }, ctx: RequestContext) {
  const { payment } = await ctx.services.billing.recordPayment({
    ...input,
    patientId: toId(input.patientId, 'input.patientId'),
    splits: input.splits.map((s, i) => ({
      amount: s.amount,
      procedureId: toOptionalId(s.procedureId, `input.splits[${i}].procedureId`),
      providerId: toOptionalId(s.providerId, `input.splits[${i}].providerId`),
    })),
  });
  return { payment };
}
