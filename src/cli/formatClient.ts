import type { ClientView, IssuedKey } from '../services/clients/types.js';

/** Human-readable client, for the non --json output of the clients/keys commands. */
export function formatClient(c: ClientView): string {
  const lines = [
    `client ${c.id}  ${c.name}${c.vendor ? ` (${c.vendor})` : ''}  kind=${c.kind}  class=${c.class}  status=${c.status}${c.suspendedReason ? `  reason="${c.suspendedReason}"` : ''}`,
    `  scopes:   ${c.scopes.join(' ')}`,
    `  clinics:  ${c.clinicIds === null ? 'all' : c.clinicIds.join(', ')}`,
    `  ips:      ${c.ipAllowList.length === 0 ? 'any' : c.ipAllowList.join(', ')}`,
    `  user:     ${c.serviceUser.userName} (UserNum ${c.serviceUser.userNum})${c.mayActForStaff ? `, may act for ${c.staffUserNums.join(', ') || 'nobody yet'}` : ''}`,
    `  mode:     ${c.mode}, operations ${c.rollout}${c.allowIntrospection ? ', introspection allowed' : ''}`,
    ...formatLimits(c),
  ];
  if (c.deletedAt) lines.push(`  deleted:  ${c.deletedAt}`);
  for (const k of c.keys) {
    lines.push(
      `  key ${k.id}  ${k.prefix}  ${k.status}  created ${k.createdAt}${k.expiresAt ? `  expires ${k.expiresAt}` : ''}${k.lastUsedAt ? `  last used ${k.lastUsedAt}` : ''}`,
    );
  }
  return lines.join('\n');
}

/** One line per limit: the value in force, and where it comes from (own or default). */
function formatLimits(c: ClientView): string[] {
  const { own, defaults, effective } = c.limits;
  const keys = Object.keys(effective) as (keyof typeof effective)[];
  const width = Math.max(...keys.map((k) => k.length));
  return [
    '  limits:   (effective, with the default where the client has its own)',
    ...keys.map((k) => {
      const mine = own?.[k];
      return `    ${k.padEnd(width)}  ${String(effective[k]).padStart(9)}${mine === undefined ? '' : `  own ${String(mine)}, default ${defaults[k]}`}`;
    }),
  ];
}

export const formatIssuedKey = (k: IssuedKey): string =>
  `API key ${k.prefix} (id ${k.id})${k.expiresAt ? `, expires ${k.expiresAt}` : ''}. Shown once, store it now:\n  ${k.key}`;
