import type { RequestContext } from '../../src/context.js';
import { toId, toOptionalId } from '../ids.js';

interface BookArgs {
  patientId: string;
  operatoryId: string;
  providerId: string;
  hygienistId?: string | null;
  start: string;
  pattern?: string | null;
  lengthMinutes?: number | null;
  note?: string | null;
  isHygiene?: boolean | null;
}
interface RescheduleArgs {
  id: string;
  expectedVersion: number;
  start: string;
  operatoryId?: string | null;
  providerId?: string | null;
  pattern?: string | null;
  lengthMinutes?: number | null;
}

export async function bookAppointment(_: unknown, { input }: { input: BookArgs }, ctx: RequestContext) {
  const appointment = await ctx.services.schedule.bookAppointment({
    ...input,
    patientId: toId(input.patientId, 'input.patientId'),
    operatoryId: toId(input.operatoryId, 'input.operatoryId'),
    providerId: toId(input.providerId, 'input.providerId'),
    hygienistId: toOptionalId(input.hygienistId, 'input.hygienistId'),
  });
  return { appointment };
}

export async function rescheduleAppointment(_: unknown, { input }: { input: RescheduleArgs }, ctx: RequestContext) {
  const appointment = await ctx.services.schedule.rescheduleAppointment({
    ...input,
    id: toId(input.id, 'input.id'),
    operatoryId: toOptionalId(input.operatoryId, 'input.operatoryId'),
    providerId: toOptionalId(input.providerId, 'input.providerId'),
  });
  return { appointment };
}

export async function cancelAppointment(
  _: unknown,
  { input }: { input: { id: string; expectedVersion?: number | null; reason?: string | null } },
  ctx: RequestContext,
) {
  const appointment = await ctx.services.schedule.cancelAppointment({
    id: toId(input.id, 'input.id'),
    expectedVersion: input.expectedVersion,
    note: input.reason,
  });
  return { appointment };
}

export async function confirmAppointment(_: unknown, { input }: { input: { id: string; expectedVersion?: number | null } }, ctx: RequestContext) {
  const appointment = await ctx.services.schedule.confirmAppointment({ id: toId(input.id, 'input.id'), expectedVersion: input.expectedVersion });
  return { appointment };
}
