export type SeedScale = 'demo' | 'small' | 'medium' | 'large';

export interface ScaleSpec {
  clinics: number;
  patients: number;
  /** target number of appointments; procedures average two per appointment */
  appointments: number;
  /** days of history before the as-of date; default: as many years as the appointments need (at least three) */
  historyDays?: number;
}

/** Row targets per scale; `large` meets the floor (50k patients, 500k appointments, 1M procedures). */
export const seedScales: Readonly<Record<SeedScale, ScaleSpec>> = Object.freeze({
  demo: { clinics: 3, patients: 200, appointments: 2_000, historyDays: 28 },
  small: { clinics: 2, patients: 2_000, appointments: 20_000 },
  medium: { clinics: 4, patients: 10_000, appointments: 100_000 },
  large: { clinics: 8, patients: 50_000, appointments: 540_000 },
});
