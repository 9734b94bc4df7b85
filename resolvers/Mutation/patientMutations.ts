import type { RequestContext } from '../../src/context.js';
import type { Gender } from '../../src/services/types.js';
import { toId, toOptionalId } from '../ids.js';

type PatientFieldsArg = {
  firstName?: string | null;
  lastName?: string | null;
  middleInitial?: string | null;
  preferredName?: string | null;
  gender?: Gender | null;
  birthdate?: string | null;
  email?: string | null;
  homePhone?: string | null;
  mobilePhone?: string | null;
  address?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  primaryProviderId?: string | null;
};

/** Only the fields the client sent: an absent field is left unchanged by updatePatient. */
function fieldsOf(input: PatientFieldsArg) {
  const { primaryProviderId, ...rest } = input;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) out[k] = v;
  if (primaryProviderId !== undefined) out.primaryProviderId = toOptionalId(primaryProviderId, 'input.primaryProviderId');
  return out;
}

export async function createPatient(
  _: unknown,
  { input }: { input: PatientFieldsArg & { firstName: string; lastName: string; clinicId: string } },
  ctx: RequestContext,
) {
  const { clinicId, ...rest } = input;
  const patient = await ctx.services.patients.createPatient({
    ...fieldsOf(rest),
    firstName: input.firstName,
    lastName: input.lastName,
    clinicId: toId(clinicId, 'input.clinicId'),
  });
  return { patient };
}

export async function updatePatient(_: unknown, { input }: { input: PatientFieldsArg & { id: string; expectedVersion: number } }, ctx: RequestContext) {
  const { id, expectedVersion, ...rest } = input;
  const patient = await ctx.services.patients.updatePatient({ ...fieldsOf(rest), id: toId(id, 'input.id'), expectedVersion });
  return { patient };
}
