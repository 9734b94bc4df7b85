import { Command } from 'commander';
import { printJson, say, type CliDeps } from './CliDeps.js';
import { formatIssuedKey } from './formatClient.js';
import { graceSeconds, positiveId } from './parsers.js';
import { withAdmin } from './withAdmin.js';

/** `chartgate keys rotate CLIENT_ID | revoke KEY_ID` */
export function keysCommand(deps: CliDeps): Command {
  const keys = new Command('keys').description('API keys: rotate (with a grace period) and revoke');

  keys
    .command('rotate')
    .description('issue a new key; the older keys keep working for the grace period (KEY_ROTATION_GRACE_S)')
    .argument('<clientId>', 'client id', positiveId)
    .option('--grace <seconds>', 'override the grace period (0 to 7776000)', graceSeconds)
    .option('--json', 'print JSON')
    .action(async (clientId: number, o: { grace?: number; json?: boolean }) =>
      withAdmin(deps, async ({ clients }) => {
        const { key } = await clients.rotateKey(clientId, o.grace);
        if (o.json) return printJson(key);
        say(formatIssuedKey(key));
        say(`Older keys of client ${clientId} stop working at ${key.oldKeysExpireAt}.`);
      }),
    );

  keys
    .command('revoke')
    .description('revoke a key at once')
    .argument('<keyId>', 'key id', positiveId)
    .option('--json', 'print JSON')
    .action(async (keyId: number, o: { json?: boolean }) =>
      withAdmin(deps, async ({ clients }) => {
        const { key } = await clients.revokeKey(keyId);
        if (o.json) return printJson(key);
        say(`key ${key.prefix} (id ${key.id}) of client ${key.clientId} revoked at ${key.revokedAt}`);
      }),
    );
  return keys;
}
