import type { ProcedureCodeRow } from '../../db/tables.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import type { ServiceDeps } from '../ServiceDeps.js';
import { buildPage, pageSize } from '../paging.js';
import type { Clinic, Operatory, Page, ProcedureCode, Provider } from '../types.js';
import { distinctIds, requireAnyReadScope, requireClinicVisible, visibleClinics } from '../visibility.js';
import { toClinic, toOperatory, toProcedureCode, toProvider } from './mapPractice.js';
import { selectClinics, selectOperatories, selectProcedureCodePage, selectProcedureCodesByIds, selectProviders } from './practice.queries.js';

const CODE_ORDER = 'code';

/** Reads of the practice directory: clinics, providers, operatories, procedure codes. */
export function createPracticeService(deps: ServiceDeps) {
  const db = deps.db.reporting;
  const clinics = visibleClinics(deps.principal);
  const clinicFilter = (clinicId: number | null | undefined): number | undefined => {
    if (clinicId === null || clinicId === undefined) return undefined;
    requireClinicVisible(deps.principal, clinicId);
    return clinicId;
  };

  return {
    async listClinics(args: { includeHidden?: boolean | null } = {}): Promise<Clinic[]> {
      requireAnyReadScope(deps.principal);
      const rows = await deps.runner.read('listClinics', selectClinics(db, { clinics, includeHidden: args.includeHidden ?? false }));
      return rows.map(toClinic);
    },
    /** Visible clinics among ids (hidden ones included: they are still referenced). */
    async clinicsByIds(ids: readonly number[]): Promise<Clinic[]> {
      const wanted = distinctIds(ids);
      if (wanted.length === 0) return [];
      const rows = await deps.runner.read('loadClinicsByIds', selectClinics(db, { clinics, ids: wanted, includeHidden: true }));
      return rows.map(toClinic);
    },
    /**
     * Clinics by id for a federation entity fetch: the same scope rule as `clinics` (any read
     * scope); only visible clinics resolve.
     */
    async entityClinicsByIds(ids: readonly number[]): Promise<Clinic[]> {
      requireAnyReadScope(deps.principal);
      const wanted = distinctIds(ids);
      if (wanted.length === 0) return [];
      return (await deps.runner.read('loadEntityClinics', selectClinics(db, { clinics, ids: wanted, includeHidden: true }))).map(toClinic);
    },
    async listProviders(args: { clinicId?: number | null; includeHidden?: boolean | null } = {}): Promise<Provider[]> {
      requireAnyReadScope(deps.principal);
      const q = selectProviders(db, { clinics, clinicId: clinicFilter(args.clinicId), includeHidden: args.includeHidden ?? false });
      return (await deps.runner.read('listProviders', q)).map(toProvider);
    },
    /** Providers by id, unfiltered by clinic: directory data referenced from visible rows. */
    async providersByIds(ids: readonly number[]): Promise<Provider[]> {
      const wanted = distinctIds(ids);
      if (wanted.length === 0) return [];
      const q = selectProviders(db, { clinics: null, ids: wanted, includeHidden: true });
      return (await deps.runner.read('loadProvidersByIds', q)).map(toProvider);
    },
    /**
     * Providers by id for a federation entity fetch, where no visible row vouches for them: the
     * rules of `providers` (any read scope; a visible clinic or none).
     */
    async entityProvidersByIds(ids: readonly number[]): Promise<Provider[]> {
      requireAnyReadScope(deps.principal);
      const wanted = distinctIds(ids);
      if (wanted.length === 0) return [];
      const q = selectProviders(db, { clinics, ids: wanted, includeHidden: true });
      return (await deps.runner.read('loadEntityProviders', q)).map(toProvider);
    },
    async listOperatories(args: { clinicId?: number | null; includeHidden?: boolean | null } = {}): Promise<Operatory[]> {
      const q = selectOperatories(db, { clinics, clinicId: clinicFilter(args.clinicId), includeHidden: args.includeHidden ?? false });
      return (await deps.runner.read('listOperatories', q)).map(toOperatory);
    },
    /** Operatories by id, unfiltered by clinic: directory data referenced from visible rows. */
    async operatoriesByIds(ids: readonly number[]): Promise<Operatory[]> {
      const wanted = distinctIds(ids);
      if (wanted.length === 0) return [];
      const q = selectOperatories(db, { clinics: null, ids: wanted, includeHidden: true });
      return (await deps.runner.read('loadOperatoriesByIds', q)).map(toOperatory);
    },
    async listProcedureCodes(args: { search?: string | null; first?: number | null; after?: string | null }): Promise<Page<ProcedureCode>> {
      const size = pageSize(args.first, deps.paging);
      const after = args.after ? decodeCursor(args.after, CODE_ORDER, ['string', 'number'] as const) : undefined;
      const search = args.search?.trim().slice(0, 100) || null;
      const rows = await deps.runner.read('listProcedureCodes', selectProcedureCodePage(db, { search, after, limit: size + 1 }));
      return buildPage(rows, size, Boolean(after), toProcedureCode, (r: ProcedureCodeRow) => encodeCursor(CODE_ORDER, [r.ProcCode, Number(r.CodeNum)]));
    },
    async procedureCodesByIds(ids: readonly number[]): Promise<ProcedureCode[]> {
      const wanted = distinctIds(ids);
      if (wanted.length === 0) return [];
      return (await deps.runner.read('loadProcedureCodesByIds', selectProcedureCodesByIds(db, wanted))).map(toProcedureCode);
    },
  };
}

export type PracticeService = ReturnType<typeof createPracticeService>;
