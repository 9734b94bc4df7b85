import type { Db } from '../../../src/db/createDb.js';
import { adminService } from '../../integration/auth/identityFixture.js';
import { seedReadFixture, type ReadFixture } from '../../integration/readApi/readFixture.js';
import { WRITE_SCOPES } from '../../integration/writes/writesHarness.js';

/** A practice and one writing client whose limits never get in the way of a fault test. */
export interface FaultFixture {
  fx: ReadFixture;
  key: string;
  keyId: number;
  patientId: number;
  providerId: number;
}

export async function seedFaultFixture(db: Db): Promise<FaultFixture> {
  const fx = await seedReadFixture(db, { patients: 12, appointments: 4 });
  const client = await adminService(db).create({
    name: 'Payments Sync',
    kind: 'dso',
    scopes: WRITE_SCOPES,
    limits: { maxInFlight: 200, budgetMaximum: 100_000_000, budgetRestorePerSecond: 10_000_000, statementTimeoutMs: 60_000 },
  });
  const patient = fx.patients.find((p) => p.clinicId === fx.clinics[0])!;
  return { fx, key: client.key.key, keyId: client.key.id, patientId: patient.id, providerId: fx.providers[0]! };
}

/** A payment whose note names it, so duplicates can be counted; `extra` selects more of its payload. */
export const payQuery = (extra = '') =>
  `mutation Pay($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id amount note splits { amount } ${extra} } } }`;

export const payInput = (f: FaultFixture, note: string) => ({
  patientId: String(f.patientId),
  amount: '10.00',
  type: 'Card',
  note,
  splits: [{ amount: '10.00', providerId: String(f.providerId) }],
});

export interface Posted {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

/** POST /graphql over a real socket. */
export async function post(
  url: string,
  key: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Posted> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Posted['body'] };
}

/** Payments recorded with this note. */
export async function paymentsNoted(db: Db, note: string): Promise<number[]> {
  const rows = await db.interactive.selectFrom('payment').select('PayNum').where('PayNote', '=', note).execute();
  return rows.map((r) => Number(r.PayNum));
}

/** One line of figures per fault test, for the closing note (tests assert only the counts). */
export const printFigures = (name: string, figures: Record<string, number | string>) => console.log(`[fault figures] ${name}: ${JSON.stringify(figures)}`);
