import type { DatasetFacts } from '../lib/readDatasetFacts.js';

/** The GraphQL documents the scenarios send, named after who sends them. */

/** Front desk: a patient and their next scheduled appointment. */
export const LOOKUP = `query FrontDeskLookup($id: ID!, $from: DateTime!) {
  patient(id: $id) {
    id firstName lastName preferredName mobilePhone email
    appointments(from: $from, status: [SCHEDULED], first: 1) { nodes { id scheduledAt lengthMinutes status } }
  }
}`;

/** Schedule page: 20 appointments with their patient and provider. */
export const SCHEDULE_PAGE = `query SchedulePage($from: DateTime!, $to: DateTime!) {
  appointments(from: $from, to: $to, first: 20) {
    nodes { id scheduledAt lengthMinutes status confirmed patient { id firstName lastName } provider { id abbreviation } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Report page: 500 appointments, one level of children (their procedures). */
export const REPORT_PAGE = `query ReportPage($from: DateTime!, $to: DateTime!) {
  appointments(from: $from, to: $to, first: 500) {
    nodes { id scheduledAt status lengthMinutes procedures { id status fee procedureDate } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Batching: a list of `first` appointments with four kinds of children. */
export const batchingDocument = (first: number) => `query BatchingPage($from: DateTime!, $to: DateTime!) {
  appointments(from: $from, to: $to, first: ${first}) {
    nodes { id scheduledAt patient { id lastName } provider { id abbreviation } operatory { id name } procedures { id fee } }
  }
}`;

/** ISO 8601 UTC from the database's 'YYYY-MM-DD HH:MM:SS' (or a bare date). */
export const iso = (sqlDateTime: string): string =>
  `${sqlDateTime.length <= 10 ? `${sqlDateTime} 00:00:00` : sqlDateTime.slice(0, 19)}`.replace(' ', 'T') + 'Z';

export const addDaysIso = (isoTime: string, days: number): string => new Date(Date.parse(isoTime) + days * 86_400_000).toISOString().replace('.000Z', 'Z');

/** The variables each floor request uses (fixed, so the plain handler replays the same data). */
export function floorVariables(facts: DatasetFacts) {
  const dayStart = iso(facts.busiestDay);
  return {
    lookup: { id: String(facts.patientIds[Math.floor(facts.patientIds.length / 2)]), from: iso(facts.firstAppointment) },
    schedule: { from: dayStart, to: addDaysIso(dayStart, 7) },
    report: { from: iso(facts.firstAppointment), to: addDaysIso(iso(facts.lastAppointment), 1) },
  };
}

/**
 * The hostile reporting client's mix: production by day over the widest allowed range, a
 * 500-row page with children, and an alias fan-out of ten 500-row pages.
 */
export function hostileDocuments(facts: DatasetFacts): string[] {
  const from = facts.firstProcedureDate;
  const maxTo = new Date(Date.parse(`${from}T00:00:00Z`) + 1090 * 86_400_000).toISOString().slice(0, 10);
  const to = facts.lastProcedureDate < maxTo ? facts.lastProcedureDate : maxTo;
  const aFrom = iso(facts.firstAppointment);
  const aTo = addDaysIso(iso(facts.lastAppointment), 1);
  const fan = Array.from(
    { length: 10 },
    (_, i) =>
      `a${i}: appointments(from: "${aFrom}", to: "${aTo}", first: 500, status: [${i % 2 ? 'COMPLETE' : 'SCHEDULED'}]) { nodes { id scheduledAt procedures { id fee } patient { id lastName } } }`,
  ).join('\n');
  return [
    `query HostileProduction { productionSummary(from: "${from}", to: "${to}", groupBy: DAY) { key procedureCount production } stats: appointmentStats(from: "${from}", to: "${to}") { total byStatus { status count } } }`,
    `query HostilePage { appointments(from: "${aFrom}", to: "${aTo}", first: 500) { nodes { id scheduledAt patient { id lastName family { id } } procedures { id fee } } } }`,
    `query HostileFanOut {\n${fan}\n}`,
  ];
}
