import { recordPayment } from './billingMutations.js';
import { addProcedure, completeProcedure } from './clinicalMutations.js';
import { createPatient, updatePatient } from './patientMutations.js';
import { bookAppointment, cancelAppointment, confirmAppointment, rescheduleAppointment } from './scheduleMutations.js';

/** The domain mutations (schema/*.mutations.graphql): each parses ids and calls one write service with the request's stamp. */
export const domainMutations = {
  createPatient,
  updatePatient,
  bookAppointment,
  rescheduleAppointment,
  cancelAppointment,
  confirmAppointment,
  addProcedure,
  completeProcedure,
  recordPayment,
};
