import type { PaymentRow, PaysplitRow } from '../../db/tables.js';
import { sqlDateTimeToIso } from '../../lib/dates.js';
import { toMoney } from '../../lib/money.js';
import { ref } from '../practice/mapPractice.js';
import type { PaySplit, Payment } from '../types.js';

export const toPayment = (r: PaymentRow): Payment => ({
  id: Number(r.PayNum),
  patientId: Number(r.PatNum),
  clinicId: ref(r.ClinicNum),
  type: r.PayType,
  date: String(r.PayDate).slice(0, 10),
  amount: toMoney(r.PayAmt),
  checkNumber: r.CheckNum,
  note: r.PayNote,
  createdAt: sqlDateTimeToIso(r.SecDateTEntry),
  updatedAt: sqlDateTimeToIso(r.DateTStamp),
  version: Number(r.RowVersion),
});

export const toPaySplit = (r: PaysplitRow): PaySplit => ({
  id: Number(r.SplitNum),
  paymentId: Number(r.PayNum),
  patientId: Number(r.PatNum),
  providerId: ref(r.ProvNum),
  procedureId: ref(r.ProcNum),
  clinicId: ref(r.ClinicNum),
  date: String(r.DatePay).slice(0, 10),
  amount: toMoney(r.SplitAmt),
});
