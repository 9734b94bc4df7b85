import type { Random } from './createRandom.js';
import type { RowSink } from './createRowSink.js';
import type { SeedPatient } from './seedPatients.js';
import type { PracticeReference } from './seedReference.js';
import { procedureCatalog } from './seedCatalog.js';
import { addDays, atMinutes, isWeekday, money } from './seedCalendar.js';

const HYGIENE_VISITS = [
  ['D0120', 'D1110', 'D0274'],
  ['D0120', 'D1110'],
  ['D4910', 'D0120'],
  ['D1120', 'D1206', 'D0120'],
  ['D0210', 'D1110'],
];
const DOCTOR_VISITS = [
  ['D2391'],
  ['D2392', 'D2391'],
  ['D2740', 'D2950'],
  ['D3330'],
  ['D0140', 'D9110'],
  ['D7140'],
  ['D0150', 'D0330'],
  ['D2330'],
  ['D7210'],
  ['D6010'],
  ['D9944'],
  ['D2750'],
];
const codeNumOf = new Map(procedureCatalog.map((c, i) => [c.code, i + 1]));

export interface ScheduleCounts {
  appointments: number;
  procedures: number;
  payments: number;
  paysplits: number;
}

/**
 * Fills each operatory's weekdays with appointments (no overlaps), each with its procedures; past
 * visits are mostly complete and many are paid, with one split per procedure summing exactly to the payment.
 */
export async function seedSchedule(
  sink: RowSink,
  rnd: Random,
  ref: PracticeReference,
  patients: SeedPatient[],
  target: number,
  span: { from: string; to: string; today: string },
  stamp: (date: string) => Record<string, unknown>,
): Promise<ScheduleCounts> {
  const byClinic = new Map<number, SeedPatient[]>();
  for (const p of patients) (byClinic.get(p.clinicNum) ?? byClinic.set(p.clinicNum, []).get(p.clinicNum)!).push(p);
  const days: string[] = [];
  for (let d = span.from; d <= span.to; d = addDays(d, 1)) if (isWeekday(d)) days.push(d);
  const perOpDay = target / (days.length * ref.operatories.length);
  const counts: ScheduleCounts = { appointments: 0, procedures: 0, payments: 0, paysplits: 0 };
  let procNum = 0;

  for (const day of days) {
    for (const op of ref.operatories) {
      const pool = byClinic.get(op.clinicNum);
      if (!pool || counts.appointments >= target) continue;
      const n = Math.min(9, Math.floor(perOpDay) + (rnd.chance(perOpDay % 1) ? 1 : 0));
      let minute = 8 * 60 + 5 * rnd.int(0, 4);
      for (let k = 0; k < n && counts.appointments < target; k++) {
        const visit = op.hygiene ? rnd.pick(HYGIENE_VISITS) : rnd.pick(DOCTOR_VISITS);
        const length = 5 * Math.max(6, Math.min(18, visit.length * 4 + rnd.int(0, 4)));
        if (minute + length > 17 * 60) break;
        const patient = rnd.pick(pool);
        const past = day < span.today;
        const status = past ? (rnd.chance(0.93) ? 2 : 5) : rnd.chance(0.02) ? 3 : 1;
        const aptNum = ++counts.appointments;
        const aptDateTime = atMinutes(day, minute);
        const provNum = op.dentist;
        const provHyg = op.hygiene ? op.hygienist : 0;
        await sink.add('appointment', {
          AptNum: aptNum,
          PatNum: patient.patNum,
          AptStatus: status,
          Pattern: 'X'.repeat(length / 5),
          Confirmed: past || rnd.chance(0.5) ? 1 : 0,
          Op: op.opNum,
          ProvNum: provNum,
          ProvHyg: provHyg,
          AptDateTime: aptDateTime,
          Note: rnd.chance(0.1) ? 'Prefers morning reminders' : '',
          ClinicNum: op.clinicNum,
          IsHygiene: op.hygiene ? 1 : 0,
          ...stamp(past ? day : addDays(span.today, -1)),
        });
        const complete = status === 2;
        const procedures: { procNum: number; cents: number; provNum: number }[] = [];
        for (const code of visit) {
          const codeNum = codeNumOf.get(code)!;
          const doer = op.hygiene && procedureCatalog[codeNum - 1]!.hygiene ? provHyg || provNum : provNum;
          const feeSched = ref.providers.find((p) => p.provNum === doer)?.feeSched ?? 1;
          const cents = ref.fees.get(`${feeSched}:${codeNum}`)!;
          procNum++;
          counts.procedures++;
          const tooth = code.startsWith('D2') || code.startsWith('D3') || code.startsWith('D7') ? String(rnd.int(1, 32)) : '';
          await sink.add('procedurelog', {
            ProcNum: procNum,
            PatNum: patient.patNum,
            AptNum: aptNum,
            ProcStatus: complete ? 2 : 1,
            CodeNum: codeNum,
            ProcFee: money(cents),
            ProcDate: day,
            ProvNum: doer,
            ClinicNum: op.clinicNum,
            ToothNum: tooth,
            Surf: tooth && code.startsWith('D23') ? rnd.pick(['O', 'MO', 'DO', 'B', 'L']) : '',
            DateComplete: complete ? day : null,
            ...stamp(day),
          });
          procedures.push({ procNum, cents, provNum: doer });
        }
        if (complete && rnd.chance(0.65)) {
          const payNum = ++counts.payments;
          const payDate = addDays(day, rnd.chance(0.7) ? 0 : rnd.int(1, 40));
          // some payments cover part of the visit; every split is whole cents and they sum exactly
          const portions = procedures.map((p) => (rnd.chance(0.85) ? p.cents : Math.round(p.cents * 0.5)));
          const total = portions.reduce((a, b) => a + b, 0);
          await sink.add('payment', {
            PayNum: payNum,
            PatNum: patient.patNum,
            ClinicNum: op.clinicNum,
            PayType: rnd.pick(['Cash', 'Check', 'Card', 'Card', 'Insurance']),
            PayDate: payDate,
            PayAmt: money(total),
            CheckNum: '',
            PayNote: '',
            ...stamp(payDate),
          });
          for (const [i, p] of procedures.entries()) {
            counts.paysplits++;
            await sink.add('paysplit', {
              SplitNum: counts.paysplits,
              PayNum: payNum,
              PatNum: patient.patNum,
              ProvNum: p.provNum,
              ProcNum: p.procNum,
              ClinicNum: op.clinicNum,
              DatePay: payDate,
              SplitAmt: money(portions[i]!),
              ...stamp(payDate),
            });
          }
        }
        minute += length + 5 * rnd.int(0, 3);
      }
    }
  }
  return counts;
}
