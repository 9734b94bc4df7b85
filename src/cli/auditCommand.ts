import { Command } from 'commander';
import type { SecurityLogVerdict } from '../audit/verifySecurityLog.js';
import { printJson, say, type CliDeps } from './CliDeps.js';
import { ExitCode } from './exitCodes.js';
import { openSecurityLog } from './openSecurityLog.js';

/** The one line `audit verify` prints: intact, the first broken row, or where the tail was cut. */
function describe(v: SecurityLogVerdict): string {
  if (v.ok) return `securitylog OK: ${v.checked} rows, chain intact${v.head ? `, head signed at SecurityLogNum ${v.head.n}` : ' (empty, not sealed yet)'}`;
  const bad = v.firstBad!;
  if (bad.problem === 'truncated') return `securitylog TAIL CUT after SecurityLogNum ${v.checked}: ${bad.detail}`;
  if (bad.problem === 'head') return `securitylog HEAD INVALID: ${bad.detail}`;
  return `securitylog TAMPERED at SecurityLogNum ${bad.securityLogNum}: ${bad.detail} (${v.checked} rows before it verified)`;
}

/** `chartgate audit verify [--json]`: checks the security log's keyed chain and its signed head; exits 5 on tamper. */
export function auditCommand(deps: CliDeps): Command {
  const audit = new Command('audit').description('the security log');
  audit
    .command('verify')
    .description('verify the securitylog chain and head with AUDIT_KEY; names the first tampered row or a cut tail and exits 5')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const config = deps.loadConfig();
      // verifying never generates a key: a missing key is an error, not a fresh start
      const log = openSecurityLog(config, { create: false });
      const db = await deps.openDb(config, { create: false });
      try {
        const verdict = await log.verify(db);
        if (o.json) printJson(verdict);
        else say(describe(verdict));
        if (!verdict.ok) process.exitCode = ExitCode.VERIFICATION_FAILED;
      } finally {
        await db.destroy();
      }
    });
  return audit;
}
