import { toId as parseId } from '../ids.js';
import type { AdminContext } from './adminContext.js';

interface CreateArgs {
  input: {
    name: string;
    vendor?: string | null;
    kind: string;
    class?: string | null;
    scopes: string[];
    clinicIds?: number[] | null;
    ipAllowList?: string[] | null;
    mode?: string | null;
    trustedOnly?: boolean | null;
    allowIntrospection?: boolean | null;
    mayActForStaff?: boolean | null;
    staffUserIds?: number[] | null;
  };
}

export async function createClient(_: unknown, { input }: CreateArgs, ctx: AdminContext) {
  return ctx.services.clients.create({
    name: input.name,
    vendor: input.vendor ?? '',
    kind: input.kind.toLowerCase(),
    ...(input.class ? { class: input.class.toLowerCase() } : {}),
    scopes: input.scopes,
    clinicIds: input.clinicIds ?? null,
    ipAllowList: input.ipAllowList ?? [],
    ...(input.mode ? { mode: input.mode as 'measure' | 'enforce' } : {}),
    trustedOnly: input.trustedOnly ?? false,
    allowIntrospection: input.allowIntrospection ?? false,
    mayActForStaff: input.mayActForStaff ?? false,
    staffUserNums: input.staffUserIds ?? [],
  });
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
