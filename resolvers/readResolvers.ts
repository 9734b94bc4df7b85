import type { Resolvers } from './__generated__/types.js';
import { appointment } from './query/appointment.js';
import { appointments } from './query/appointments.js';
import { appointmentStats } from './query/appointmentStats.js';
import { clinics } from './query/clinics.js';
import { operatories } from './query/operatories.js';
import { patient } from './query/patient.js';
import { patients } from './query/patients.js';
import { payment } from './query/payment.js';
import { payments } from './query/payments.js';
import { procedureCodes } from './query/procedureCodes.js';
import { procedures } from './query/procedures.js';
import { productionSummary } from './query/productionSummary.js';
import { providers } from './query/providers.js';
import { DateScalar } from './scalars/DateScalar.js';
import { DateTime } from './scalars/DateTime.js';
import { Money } from './scalars/Money.js';
import { Appointment } from './types/Appointment.js';
import { Operatory } from './types/Operatory.js';
import { Patient } from './types/Patient.js';
import { Payment } from './types/Payment.js';
import { PaySplit } from './types/PaySplit.js';
import { Procedure } from './types/Procedure.js';
import { ProductionRow } from './types/ProductionRow.js';
import { Provider } from './types/Provider.js';

/** The read API's resolvers (schema/practice, patient, schedule, clinical, billing, reports .graphql). */
export const readResolvers = {
  Money,
  Date: DateScalar,
  DateTime,
  Query: {
    clinics,
    providers,
    operatories,
    procedureCodes,
    patient,
    patients,
    appointment,
    appointments,
    procedures,
    payment,
    payments,
    productionSummary,
    appointmentStats,
  },
  Provider,
  Operatory,
  Patient,
  Appointment,
  Procedure,
  Payment,
  PaySplit,
  ProductionRow,
} satisfies Resolvers;
