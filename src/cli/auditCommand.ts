import { Command } from 'commander';
import { verifySecurityLog } from '../audit/verifySecurityLog.js';
import { printJson, say, type CliDeps } from './CliDeps.js';
import { ExitCode } from './exitCodes.js';

/** `chartgate audit verify [--json]`: checks the security log's hash chain; exits 5 on tamper. */
export function auditCommand(deps: CliDeps): Command {
  const audit = new Command('audit').description('the security log');
  audit
    .command('verify')
    .description('verify the securitylog hash chain; names the first tampered row and exits 5')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const db = await deps.openDb(deps.loadConfig(), { create: false });
      try {
        const verdict = await verifySecurityLog(db);
        if (o.json) printJson(verdict);
        else if (verdict.ok) say(`securitylog OK: ${verdict.checked} rows, chain intact`);
        else
          say(
            `securitylog TAMPERED at SecurityLogNum ${verdict.firstBad?.securityLogNum}: ${verdict.firstBad?.detail} (${verdict.checked} rows before it verified)`,
          );
        if (!verdict.ok) process.exitCode = ExitCode.VERIFICATION_FAILED;
      } finally {
        await db.destroy();
      }
    });
  return audit;
}
