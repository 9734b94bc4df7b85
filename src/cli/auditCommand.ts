import { Command } from 'commander';
import { verifySecurityLog } from '../audit/verifySecurityLog.js';
import type { AdminCliDeps } from './withClientsService.js';

/** `chartgate audit verify [--json]`: checks the security log's hash chain; exit code 1 on tamper. */
export function auditCommand(deps: AdminCliDeps): Command {
  const audit = new Command('audit').description('the security log');
  audit
    .command('verify')
    .description('verify the securitylog hash chain; names the first tampered row and exits 1')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const db = await deps.openDb(deps.loadConfig());
      try {
        const verdict = await verifySecurityLog(db);
        if (o.json) process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
        else if (verdict.ok) process.stdout.write(`securitylog OK: ${verdict.checked} rows, chain intact\n`);
        else process.stdout.write(`securitylog TAMPERED at SecurityLogNum ${verdict.firstBad?.securityLogNum}: ${verdict.firstBad?.detail} (${verdict.checked} rows before it verified)\n`);
        if (!verdict.ok) process.exitCode = 1;
      } finally {
        await db.destroy();
      }
    });
  return audit;
}
