import type { Config } from '../config/Config.js';
import type { PrepareDeps } from '../governor/certification/prepareOperations.js';
import { defaultGovernorLimits, type GovernorLimits } from '../governor/GovernorLimits.js';

/**
 * What validating and pricing operations needs: the schema (with no resolvers), the governor's
 * cost estimator, and the widest values the API accepts. Loaded only by the commands that use
 * them: they are the CLI's heaviest modules.
 */
export async function certificationDeps(config: Config): Promise<PrepareDeps> {
  const [{ createOperationAnalyzer }, { buildSchema }, { createPagingLimits }, { defaultReportLimits }] = await Promise.all([
    import('../governor/createOperationAnalyzer.js'),
    import('../schema/buildSchema.js'),
    import('../services/paging.js'),
    import('../services/reports/reports.service.js'),
  ]);
  const schema = buildSchema();
  const analyze = createOperationAnalyzer(schema);
  // priced, never refused: a certified operation records what it costs at its worst
  const unlimited = Object.fromEntries(Object.keys(defaultGovernorLimits).map((k) => [k, Number.MAX_SAFE_INTEGER])) as unknown as GovernorLimits;
  return {
    schema,
    bounds: { maxFirst: createPagingLimits().maxFirst, maxSpanDays: defaultReportLimits.maxSpanDays, maxInputList: config.governor.maxInputList },
    costOf: (document, variables) => analyze({ document, variables, limits: unlimited }).cost,
  };
}
