import type { ConsoleContext } from './consoleContext.js';

export const consoleSession = (_: unknown, __: unknown, ctx: ConsoleContext) => ctx.services.admins.me();

export const adminUsers = (_: unknown, __: unknown, ctx: ConsoleContext) => ctx.services.admins.list();

export const loadSeries = (_: unknown, args: { minutes?: number | null }, ctx: ConsoleContext) => ctx.services.monitoring.loadSeries(args.minutes ?? 15);

export const identityStatus = (_: unknown, __: unknown, ctx: ConsoleContext) => ctx.services.monitoring.identityStatus();

export async function verifySecurityLog(_: unknown, __: unknown, ctx: ConsoleContext) {
  const verdict = await ctx.services.monitoring.verifySecurityLog();
  return {
    ok: verdict.ok,
    checked: verdict.checked,
    firstBadId: verdict.firstBad?.securityLogNum ?? null,
    problem: verdict.firstBad?.problem ?? null,
    detail: verdict.firstBad?.detail ?? null,
  };
}
