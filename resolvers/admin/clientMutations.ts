import type { ClientLimitsInput, CreateClientInput, UpdateClientInput } from '../__generated__/types.js';
import type { ClientLimits } from '../../src/config/clientLimitsSchema.js';
import type { Rollout, UpdateClientRequest } from '../../src/services/clients/types.js';
import { toId as parseId } from '../ids.js';
import type { AdminContext } from './adminContext.js';

const lower = <T extends string>(v: string | null | undefined): T | undefined => (v ? (v.toLowerCase() as T) : undefined);

/** The limits sent, without the nulls GraphQL fills in for omitted fields (the service validates the values). */
const limitsOf = (input: ClientLimitsInput | null | undefined): ClientLimits | null | undefined =>
  input === undefined ? undefined : input === null ? null : (Object.fromEntries(Object.entries(input).filter(([, v]) => v != null)) as ClientLimits);

export async function createClient(_: unknown, { input }: { input: CreateClientInput }, ctx: AdminContext) {
  return ctx.services.clients.create({
    name: input.name,
    vendor: input.vendor ?? '',
    kind: input.kind.toLowerCase(),
    ...(input.class ? { class: input.class.toLowerCase() } : {}),
    scopes: input.scopes,
    clinicIds: input.clinicIds ?? null,
    ipAllowList: input.ipAllowList ?? [],
    ...(input.mode ? { mode: input.mode as 'measure' | 'enforce' } : {}),
    ...(input.trustedOnly != null ? { trustedOnly: input.trustedOnly } : {}),
    ...(input.rollout ? { rollout: lower<Rollout>(input.rollout) } : {}),
    allowIntrospection: input.allowIntrospection ?? false,
    mayActForStaff: input.mayActForStaff ?? false,
    staffUserNums: input.staffUserIds ?? [],
    limits: limitsOf(input.limits) ?? null,
  });
}

/** Only the fields sent change: an absent (or null) field keeps its value, except `limits: null`, which clears them. */
export async function updateClient(_: unknown, { input }: { input: UpdateClientInput }, ctx: AdminContext) {
  const given = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);
  const change: UpdateClientRequest = {
    name: given(input.name),
    vendor: given(input.vendor),
    kind: lower(input.kind),
    class: lower(input.class),
    scopes: given(input.scopes),
    clinicIds: given(input.clinicIds),
    ipAllowList: given(input.ipAllowList),
    mode: given(input.mode) as UpdateClientRequest['mode'],
    trustedOnly: given(input.trustedOnly),
    rollout: lower<Rollout>(input.rollout),
    allowIntrospection: given(input.allowIntrospection),
    mayActForStaff: given(input.mayActForStaff),
    staffUserNums: given(input.staffUserIds),
    limits: limitsOf(input.limits),
  };
  const { client } = await ctx.services.clients.update(parseId(input.clientId, 'input.clientId'), change);
  return { client };
}

export async function deleteClient(_: unknown, { input }: { input: { clientId: string } }, ctx: AdminContext) {
  const { client, revokedKeyIds } = await ctx.services.clients.delete(parseId(input.clientId, 'input.clientId'));
  return { client, revokedKeyIds };
}

export async function suspendClient(_: unknown, { input }: { input: { clientId: string; reason: string } }, ctx: AdminContext) {
  return { client: await ctx.services.clients.suspend(parseId(input.clientId, 'input.clientId'), input.reason) };
}

export async function resumeClient(_: unknown, { input }: { input: { clientId: string } }, ctx: AdminContext) {
  return { client: await ctx.services.clients.resume(parseId(input.clientId, 'input.clientId')) };
}

export async function rotateKey(_: unknown, { input }: { input: { clientId: string; graceSeconds?: number | null } }, ctx: AdminContext) {
  return ctx.services.clients.rotateKey(parseId(input.clientId, 'input.clientId'), input.graceSeconds ?? undefined);
}

export async function revokeKey(_: unknown, { input }: { input: { keyId: string } }, ctx: AdminContext) {
  const { client } = await ctx.services.clients.revokeKey(parseId(input.keyId, 'input.keyId'));
  return { client };
}

export async function setApiEnabled(_: unknown, { input }: { input: { enabled: boolean; reason?: string | null } }, ctx: AdminContext) {
  return ctx.services.clients.setApiEnabled(input.enabled, input.reason ?? null);
}
