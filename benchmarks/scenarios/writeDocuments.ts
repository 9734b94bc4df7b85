import type { DatasetFacts } from '../lib/readDatasetFacts.js';

/** The writes scenario's mutations and the distinct inputs each request gets. */

export const BOOK_APPOINTMENT = `mutation BenchBook($input: BookAppointmentInput!) {
  bookAppointment(input: $input) { appointment { id scheduledAt } }
}`;

export const RECORD_PAYMENT = `mutation BenchPay($input: RecordPaymentInput!) {
  recordPayment(input: $input) { payment { id amount } }
}`;

/** The most bookings one scenario of a run may ask for: each stretch of the calendar has room for this many. */
const MAX_BOOKINGS = 200_000;

/**
 * `count` booking inputs that never collide: each time slot is used once per chair, each chair
 * with its own provider, on weekdays 08:00-16:00 of a far-future stretch after every appointment
 * the dataset already has (so repeated runs on a reused dataset never collide); `stretch` keeps
 * two scenarios of one run apart.
 */
export function bookingInputs(facts: DatasetFacts, count: number, stretch: number): string[] {
  const k = Math.max(1, Math.min(facts.operatoryIds.length, facts.providerIds.length));
  const after = Math.max(Date.UTC(2060, 0, 1), Date.parse(`${facts.lastAppointment.replace(' ', 'T')}Z`) || 0);
  if (count > MAX_BOOKINGS) throw new Error(`${count} bookings: at most ${MAX_BOOKINGS} per scenario`);
  // 8 slots per chair and weekday, 5 weekdays in 7 days, a week to spare
  const stretchDays = Math.ceil((MAX_BOOKINGS / (8 * k)) * 1.4) + 7;
  const start = Math.ceil(after / 86_400_000 + 1) * 86_400_000 + stretch * stretchDays * 86_400_000;
  const out: string[] = [];
  let day = 0;
  let slot = 0;
  for (let i = 0; i < count; i++) {
    const chair = i % k;
    if (i > 0 && chair === 0 && ++slot === 8) {
      slot = 0;
      day++;
    }
    let date = new Date(start + day * 86_400_000);
    while (date.getUTCDay() === 0 || date.getUTCDay() === 6) {
      day++;
      date = new Date(start + day * 86_400_000);
    }
    date.setUTCHours(8 + slot, 0, 0, 0);
    out.push(
      JSON.stringify({
        patientId: String(facts.patientIds[i % facts.patientIds.length]),
        operatoryId: String(facts.operatoryIds[chair]),
        providerId: String(facts.providerIds[chair]),
        start: date.toISOString().replace('.000Z', 'Z'),
        lengthMinutes: 30,
        note: 'benchmark',
      }),
    );
  }
  return out;
}

/** Payment inputs: a patient, an amount split over one provider. */
export function paymentInputs(facts: DatasetFacts, count: number): string[] {
  return Array.from({ length: Math.min(count, 5000) }, (_, i) => {
    const amount = `${10 + (i % 90)}.${String(i % 100).padStart(2, '0')}`;
    return JSON.stringify({
      patientId: String(facts.patientIds[i % facts.patientIds.length]),
      amount,
      type: 'Card',
      date: '2026-01-15',
      splits: [{ providerId: String(facts.providerIds[i % facts.providerIds.length]), amount }],
    });
  });
}
