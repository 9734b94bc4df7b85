import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';
import type { Db } from '../../../src/db/createDb.js';

export type Path = Array<string | number>;
export type Input = GraphQLArgument | GraphQLInputField;
export type Baseline = (parent: string, input: Input) => unknown;

/** Valid values from the seeded practice, so that the one value under test is what gets judged. */
export async function baselinesOf(db: Db, victim: { clientId: number; keyId: number }): Promise<Baseline> {
  const k = db.interactive;
  const op = await k
    .selectFrom('operatory')
    .select(['OperatoryNum', 'ClinicNum'])
    .where('IsHidden', '=', 0)
    .where('ClinicNum', '>', 0)
    .orderBy('OperatoryNum')
    .executeTakeFirstOrThrow();
  const clinic = Number(op.ClinicNum);
  const patient = await k.selectFrom('patient').select('PatNum').where('ClinicNum', '=', clinic).orderBy('PatNum').executeTakeFirstOrThrow();
  const provider = await k
    .selectFrom('provider')
    .select('ProvNum')
    .where('IsHidden', '=', 0)
    .where('ClinicNum', 'in', [0, clinic])
    .orderBy('ProvNum')
    .executeTakeFirstOrThrow();
  const appointment = await k.selectFrom('appointment').select('AptNum').where('AptStatus', '=', 1).orderBy('AptNum').executeTakeFirstOrThrow();
  const procedure = await k.selectFrom('procedurelog').select('ProcNum').where('ProcStatus', '=', 1).orderBy('ProcNum').executeTakeFirstOrThrow();
  const payment = await k.selectFrom('payment').select('PayNum').orderBy('PayNum').executeTakeFirstOrThrow();
  const code = await k.selectFrom('procedurecode').select(['CodeNum', 'ProcCode']).orderBy('CodeNum').executeTakeFirstOrThrow();
  const id = (n: unknown) => String(n);
  // by "Parent.field", then by field name; anything else from its type
  const byPath: Record<string, unknown> = {
    'Query.patient.id': id(patient.PatNum),
    'Query.appointment.id': id(appointment.AptNum),
    'Query.payment.id': id(payment.PayNum),
    'Query.client.id': id(victim.clientId),
    'UpdatePatientInput.id': id(patient.PatNum),
    'RescheduleAppointmentInput.id': id(appointment.AptNum),
    'CancelAppointmentInput.id': id(appointment.AptNum),
    'ConfirmAppointmentInput.id': id(appointment.AptNum),
    'CompleteProcedureInput.id': id(procedure.ProcNum),
    'Query.appointments.from': '2026-10-01T00:00:00Z',
    'Query.appointments.to': '2026-12-01T00:00:00Z',
  };
  const byName: Record<string, unknown> = {
    patientId: id(patient.PatNum),
    operatoryId: id(op.OperatoryNum),
    providerId: id(provider.ProvNum),
    clinicId: id(clinic),
    codeId: id(code.CodeNum),
    code: code.ProcCode,
    clientId: id(victim.clientId),
    keyId: id(victim.keyId),
    amount: '10.00',
    start: '2027-05-03T09:00:00Z',
    lengthMinutes: 30,
    expectedVersion: 1,
    from: '2026-10-01',
    to: '2026-11-30',
    groupBy: 'CLINIC',
    firstName: 'Fuzz',
    lastName: 'Tester',
    type: 'Cash',
    name: 'fuzz client',
    kind: 'DASHBOARD',
    scopes: ['patients:read'],
    reason: 'fuzzing',
    enabled: true,
    representations: [{ __typename: 'Patient', id: id(patient.PatNum) }],
    splits: [{ amount: '10.00', providerId: id(provider.ProvNum) }],
  };
  const byType: Record<string, unknown> = {
    String: 'fuzz',
    ID: '1',
    Int: 1,
    Float: 1,
    Boolean: true,
    Date: '2026-10-15',
    DateTime: '2026-10-15T09:00:00Z',
    Money: '10.00',
  };
  const baseline: Baseline = (parent, input) => {
    const key = `${parent}.${input.name}`;
    if (key in byPath) return byPath[key];
    if (input.name in byName) return byName[input.name];
    const named = getNamedType(input.type);
    const value = isEnumType(named)
      ? named.getValues()[0]!.value
      : isInputObjectType(named)
        ? requiredFieldsOf(named.name, Object.values(named.getFields()), baseline)
        : byType[named.name];
    return isListType(isNonNullType(input.type) ? input.type.ofType : input.type) ? [value] : value;
  };
  return baseline;
}

/** The required arguments or fields of a parent, at their baselines. */
export const requiredFieldsOf = (parent: string, inputs: readonly Input[], baseline: Baseline): Record<string, unknown> =>
  Object.fromEntries(inputs.filter((i) => isNonNullType(i.type) && i.defaultValue === undefined).map((i) => [i.name, baseline(parent, i)]));

export interface Position {
  path: Path;
  type: GraphQLInputType;
  /** "Parent.field" of the innermost input, for baselines of what it contains */
  owner: string;
}

/** Every position a client can put a value in, under one argument: the argument, each input field, each list element, recursively. */
export function positionsOf(parent: string, input: Input, path: Path, seen: readonly string[] = []): Position[] {
  const here: Position = { path, type: input.type, owner: `${parent}.${input.name}` };
  const unwrapped = isNonNullType(input.type) ? input.type.ofType : input.type;
  const inList = isListType(unwrapped);
  const named = getNamedType(input.type);
  const elementPath = inList ? [...path, 0] : path;
  const out: Position[] = [here];
  if (inList) out.push({ path: elementPath, type: getNamedType(input.type), owner: here.owner });
  if (isInputObjectType(named) && !seen.includes(named.name)) {
    for (const f of Object.values(named.getFields())) out.push(...positionsOf(named.name, f, [...elementPath, f.name], [...seen, named.name]));
  }
  return out;
}
