import { GraphQLError } from 'graphql';
import type { ProcedureResolvers } from '../__generated__/types.js';

export const Procedure: ProcedureResolvers = {
  code: async (p, _, ctx) => {
    const code = await ctx.loaders.procedureCode.load(p.codeId);
    // a procedure always has a code; a dangling CodeNum is a data error, masked by the edge
    if (!code) throw new GraphQLError(`procedure ${p.id} has no procedure code ${p.codeId}`);
    return code;
  },
  patient: (p, _, ctx) => ctx.loaders.patient.load(p.patientId),
  appointment: (p, _, ctx) => (p.appointmentId ? ctx.loaders.appointment.load(p.appointmentId) : null),
  provider: (p, _, ctx) => (p.providerId ? ctx.loaders.provider.load(p.providerId) : null),
  clinic: (p, _, ctx) => (p.clinicId ? ctx.loaders.clinic.load(p.clinicId) : null),
};
