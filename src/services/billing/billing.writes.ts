import { actorText } from '../../audit/Stamp.js';
import { entryStamp } from '../../audit/stampColumns.js';
import { maxLength } from '../../db/columnLengths.js';
import { appendOutboxEvent } from '../../gateway/events/appendOutboxEvent.js';
import { badInput, notFound } from '../../lib/DomainError.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import type { Payment, PaySplit } from '../types.js';
import { changesOf, money, requireAmount, requireDate, requireText, requireVisible } from '../writeRules.js';
import { toPayment, toPaySplit } from './mapPayment.js';

export interface PaySplitInput {
  amount: string;
  /** the procedure paid; its provider is used unless providerId is given */
  procedureId?: number | null;
  providerId?: number | null;
}
export interface RecordPaymentInput {
  patientId: number;
  /** exact decimal string, e.g. "125.50"; the splits must add up to it exactly */
  amount: string;
  /** 'Cash', 'Check', 'Card', 'Insurance'... */
  type: string;
  /** default: today (UTC) */
  date?: string | null;
  checkNumber?: string | null;
  note?: string | null;
  splits: readonly PaySplitInput[];
}

const PAYMENT_COLUMNS = ['PatNum', 'ClinicNum', 'PayType', 'PayDate', 'PayAmt', 'CheckNum', 'PayNote'] as const;
const SPLIT_COLUMNS = ['PayNum', 'PatNum', 'ProvNum', 'ProcNum', 'ClinicNum', 'DatePay', 'SplitAmt'] as const;

/** recordPayment: the payment and its splits, summed in whole cents. */
export function createBillingWrites(deps: ServiceDeps) {
  const { runner, principal, securityLog } = deps;
  return {
    async recordPayment(input: RecordPaymentInput): Promise<{ payment: Payment; splits: PaySplit[] }> {
      const stamp = deps.authorizeWrite('billing:write');
      const total = requireAmount(input.amount, 'input.amount');
      const type = requireText(input.type, 'input.type', maxLength('payment', 'PayType'))!;
      const date = requireDate(input.date, 'input.date') ?? stamp.at.slice(0, 10);
      const checkNum = requireText(input.checkNumber, 'input.checkNumber', maxLength('payment', 'CheckNum'), false) ?? '';
      const note = requireText(input.note, 'input.note', 4000, false) ?? '';
      if (!input.splits || input.splits.length === 0) throw badInput('input.splits needs at least one split', 'input.splits');
      if (input.splits.length > 100) throw badInput('input.splits takes at most 100 splits', 'input.splits');
      const cents = input.splits.map((s, i) => {
        const c = requireAmount(s.amount, `input.splits[${i}].amount`);
        if (s.procedureId == null && s.providerId == null)
          throw badInput(`input.splits[${i}] needs a procedureId or a providerId`, `input.splits[${i}].providerId`);
        return c;
      });
      const sum = cents.reduce((a, b) => a + b, 0n);
      if (sum !== total) {
        throw badInput(`the splits add up to ${money(sum)}, not ${money(total)}`, 'input.splits', { splitsTotal: money(sum), amount: money(total) });
      }
      return deps.writeOnce('billing.recordPayment', {
        entity: 'Payment',
        load: async (trx, payNum) => {
          const payment = (await runner.exec(trx, 'billing.pay.reload', trx.selectFrom('payment').selectAll().where('PayNum', '=', payNum))).rows[0]!;
          const splits = (
            await runner.exec(trx, 'billing.pay.reloadSplits', trx.selectFrom('paysplit').selectAll().where('PayNum', '=', payNum).orderBy('SplitNum'))
          ).rows;
          return { payment: toPayment(payment), splits: splits.map(toPaySplit) };
        },
        write: async (trx) => {
          const patient = (
            await runner.exec(trx, 'billing.pay.patient', trx.selectFrom('patient').select(['PatNum', 'ClinicNum']).where('PatNum', '=', input.patientId))
          ).rows[0];
          if (!patient) throw notFound('Patient', input.patientId);
          requireVisible(principal, patient.ClinicNum, 'Patient', input.patientId);
          const clinicNum = Number(patient.ClinicNum);
          const resolved: { provNum: number; procNum: number }[] = [];
          for (const [i, s] of input.splits.entries()) {
            let provNum = s.providerId ?? 0;
            if (s.procedureId != null) {
              const proc = (
                await runner.exec(
                  trx,
                  'billing.pay.procedure',
                  trx.selectFrom('procedurelog').select(['ProcNum', 'PatNum', 'ProvNum', 'ClinicNum']).where('ProcNum', '=', s.procedureId),
                )
              ).rows[0];
              if (!proc) throw notFound('Procedure', s.procedureId);
              requireVisible(principal, proc.ClinicNum, 'Procedure', s.procedureId);
              if (Number(proc.PatNum) !== input.patientId)
                throw badInput(`procedure ${s.procedureId} belongs to another patient`, `input.splits[${i}].procedureId`);
              if (s.providerId == null) provNum = Number(proc.ProvNum);
            }
            if (s.providerId != null) {
              const prov = (
                await runner.exec(trx, 'billing.pay.provider', trx.selectFrom('provider').select(['ProvNum', 'ClinicNum']).where('ProvNum', '=', s.providerId))
              ).rows[0];
              if (!prov) throw notFound('Provider', s.providerId);
              requireVisible(principal, prov.ClinicNum, 'Provider', s.providerId, true);
            }
            resolved.push({ provNum, procNum: s.procedureId ?? 0 });
          }
          const values = {
            PatNum: input.patientId,
            ClinicNum: clinicNum,
            PayType: type,
            PayDate: date,
            PayAmt: money(total),
            CheckNum: checkNum,
            PayNote: note,
            ...entryStamp(stamp),
          };
          const payNum = Number((await runner.exec(trx, 'billing.pay.insert', trx.insertInto('payment').values(values))).insertId);
          await securityLog.append(trx, runner, {
            stamp,
            permType: 'PaymentCreate',
            patNum: input.patientId,
            fKey: payNum,
            logText: `Payment ${payNum} of ${money(total)} (${type}) for patient ${input.patientId} in ${input.splits.length} split(s) recorded by ${actorText(stamp)} through API`,
            changes: changesOf(null, values as Record<string, unknown>, PAYMENT_COLUMNS),
          });
          await appendOutboxEvent(trx, runner, { type: 'payment.recorded', entityId: payNum, clinicNum, stamp, at: deps.clock() });
          for (const [i, r] of resolved.entries()) {
            const split = {
              PayNum: payNum,
              PatNum: input.patientId,
              ProvNum: r.provNum,
              ProcNum: r.procNum,
              ClinicNum: clinicNum,
              DatePay: date,
              SplitAmt: money(cents[i]!),
              ...entryStamp(stamp),
            };
            const splitNum = Number((await runner.exec(trx, 'billing.pay.split', trx.insertInto('paysplit').values(split))).insertId);
            await securityLog.append(trx, runner, {
              stamp,
              permType: 'PaySplitCreate',
              patNum: input.patientId,
              fKey: splitNum,
              logText: `Split ${splitNum} of payment ${payNum}: ${money(cents[i]!)} to provider ${r.provNum}${r.procNum ? ` for procedure ${r.procNum}` : ''} by ${actorText(stamp)} through API`,
              changes: changesOf(null, split as Record<string, unknown>, SPLIT_COLUMNS),
            });
          }
          return payNum;
        },
      });
    },
  };
}
