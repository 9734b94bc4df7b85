import { randomBytes } from 'node:crypto';
import { Command, Option } from 'commander';
import type { AdminUserView } from '../gateway/admins/types.js';
import { CONSOLE_ROLES, ROLE_TITLES, type ConsoleRole } from '../lib/consoleRoles.js';
import { printJson, say, type CliDeps } from './CliDeps.js';
import { UsageError } from './exitCodes.js';
import { withAdmin } from './withAdmin.js';

const line = (u: AdminUserView) =>
  `${String(u.id).padStart(4)}  ${u.userName.padEnd(20)}  ${ROLE_TITLES[u.role as ConsoleRole] ?? u.role}  ${u.status}${u.totpEnabled ? '  TOTP' : ''}${u.lastLoginAt ? `  last sign-in ${u.lastLoginAt}` : ''}`;

/** The whole of stdin, without its final line break. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** `chartgate admins create|list|disable|enable|reset-totp`: the console's users (people, with roles). */
export function adminsCommand(deps: CliDeps): Command {
  const admins = new Command('admins').description('console users (/admin): create, list, disable, enable, reset TOTP');
  const act = <T>(fn: Parameters<typeof withAdmin<T>>[1]) => withAdmin(deps, fn, ['admin:users']);

  admins
    .command('create')
    .description('create a console user; without --password-stdin a password is generated and printed once')
    .requiredOption('--user <name>', 'user name (also their practice user name in the security log)')
    .addOption(new Option('--role <role>', 'what they may do').choices([...CONSOLE_ROLES]).makeOptionMandatory())
    .option('--password-stdin', 'read the password from stdin (12 to 200 characters)', false)
    .option('--json', 'print JSON')
    .action(async (o: { user: string; role: string; passwordStdin: boolean; json?: boolean }) => {
      const password = o.passwordStdin ? await readStdin() : randomBytes(15).toString('base64url');
      if (o.passwordStdin && password.length === 0) throw new UsageError('--password-stdin read an empty password');
      await act(async ({ admins: service }) => {
        const user = await service.create({ userName: o.user, role: o.role, password });
        const generated = o.passwordStdin ? {} : { password };
        if (o.json) return printJson({ user, ...generated });
        say(line(user));
        if (!o.passwordStdin) say(`password (shown once, change it under My account in the console): ${password}`);
      });
    });

  admins
    .command('list')
    .description('every console user')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) =>
      act(async ({ admins: service }) => {
        const all = await service.list();
        if (o.json) return printJson(all);
        if (all.length === 0) say('no console users');
        all.forEach((u) => say(line(u)));
      }),
    );

  const byName = (
    name: string,
    description: string,
    run: (service: Parameters<Parameters<typeof act>[0]>[0]['admins'], id: number) => Promise<AdminUserView>,
  ) =>
    admins
      .command(name)
      .description(description)
      .argument('<user>', 'user name')
      .option('--json', 'print JSON')
      .action(async (userName: string, o: { json?: boolean }) =>
        act(async ({ admins: service }) => {
          const user = await run(service, (await service.byName(userName)).id);
          if (o.json) return printJson(user);
          say(line(user));
        }),
      );
  byName('disable', 'disable a console user and end their sessions', (s, id) => s.setStatus(id, 'disabled'));
  byName('enable', 'enable a disabled console user', (s, id) => s.setStatus(id, 'active'));
  byName('reset-totp', 'remove a console user’s TOTP (they sign in with the password only, and may enrol again)', (s, id) => s.resetTotp(id));
  return admins;
}
