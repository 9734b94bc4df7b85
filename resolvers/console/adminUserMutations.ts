import { toId } from '../ids.js';
import { roleFromEnum } from './AdminUser.js';
import type { ConsoleContext } from './consoleContext.js';

type IdArgs = { input: { adminUserId: string } };

export async function createAdminUser(_: unknown, { input }: { input: { userName: string; role: string; password: string } }, ctx: ConsoleContext) {
  return { adminUser: await ctx.services.admins.create({ userName: input.userName, role: roleFromEnum(input.role), password: input.password }) };
}

export async function disableAdminUser(_: unknown, { input }: IdArgs, ctx: ConsoleContext) {
  return { adminUser: await ctx.services.admins.setStatus(toId(input.adminUserId, 'input.adminUserId'), 'disabled') };
}

export async function enableAdminUser(_: unknown, { input }: IdArgs, ctx: ConsoleContext) {
  return { adminUser: await ctx.services.admins.setStatus(toId(input.adminUserId, 'input.adminUserId'), 'active') };
}

export async function resetAdminTotp(_: unknown, { input }: IdArgs, ctx: ConsoleContext) {
  return { adminUser: await ctx.services.admins.resetTotp(toId(input.adminUserId, 'input.adminUserId')) };
}

export async function changeMyPassword(_: unknown, { input }: { input: { currentPassword: string; newPassword: string } }, ctx: ConsoleContext) {
  return { adminUser: await ctx.services.admins.changeOwnPassword(input.currentPassword, input.newPassword) };
}

export const beginTotpEnrollment = (_: unknown, __: unknown, ctx: ConsoleContext) => ctx.services.admins.beginTotp();

export async function confirmTotpEnrollment(_: unknown, { input }: { input: { code: string } }, ctx: ConsoleContext) {
  return { adminUser: await ctx.services.admins.confirmTotp(input.code) };
}
