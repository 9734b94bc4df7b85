import type { RequestContext } from '../../src/context.js';

type Ref = { id: string | number };
/** A representation's id -> the row through the request's DataLoader (null when unknown or not visible). */
const byLoader = (pick: (ctx: RequestContext) => { load(id: number): Promise<unknown> }) => (ref: Ref, ctx: RequestContext) => {
  const id = Number(ref.id);
  return Number.isSafeInteger(id) && id > 0 ? pick(ctx).load(id) : null;
};

/**
 * Federation reference resolvers: `_entities` goes through the same per-request loaders as the
 * rest of the graph, so 100 representations cost the statements of a page of 100, and clinic
 * limits hold (an invisible row resolves to null). Providers and clinics resolve by the rules of
 * `providers` and `clinics`: a representation is not a visible row vouching for them.
 */
export const referenceResolvers = {
  Patient: { __resolveReference: byLoader((c) => c.loaders.patient) },
  Appointment: { __resolveReference: byLoader((c) => c.loaders.appointment) },
  Provider: { __resolveReference: byLoader((c) => c.loaders.entityProvider) },
  Clinic: { __resolveReference: byLoader((c) => c.loaders.entityClinic) },
  Procedure: { __resolveReference: byLoader((c) => c.loaders.procedure) },
  Payment: { __resolveReference: byLoader((c) => c.loaders.payment) },
};
