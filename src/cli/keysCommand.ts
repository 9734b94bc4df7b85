import { Command } from 'commander';
import { positiveInt, printJson, say, withClientsService, type AdminCliDeps } from './withClientsService.js';
import { formatIssuedKey } from './formatClient.js';

/** `chartgate keys rotate CLIENT_ID | revoke KEY_ID` */
export function keysCommand(deps: AdminCliDeps): Command {
  const keys = new Command('keys').description('API keys: rotate (with a grace period) and revoke');

  keys
    .command('rotate <clientId>')
    .description('issue a new key; the older keys keep working for the grace period (KEY_ROTATION_GRACE_S)')
    .option('--grace <seconds>', 'override the grace period')
    .option('--json', 'print JSON')
    .action(async (clientId: string, o) =>
      withClientsService(deps, async (service) => {
        const { key } = await service.rotateKey(positiveInt(clientId), o.grace === undefined ? undefined : Number(o.grace));
        if (o.json) return printJson(key);
        say(formatIssuedKey(key));
        say(`Older keys of client ${clientId} stop working at ${key.oldKeysExpireAt} UTC.`);
      }),
    );

  keys
    .command('revoke <keyId>')
    .description('revoke a key at once')
    .option('--json', 'print JSON')
    .action(async (keyId: string, o) =>
      withClientsService(deps, async (service) => {
        const { key } = await service.revokeKey(positiveInt(keyId));
        if (o.json) return printJson(key);
        say(`key ${key.prefix} (id ${key.id}) of client ${key.clientId} revoked at ${key.revokedAt} UTC`);
      }),
    );
  return keys;
}
