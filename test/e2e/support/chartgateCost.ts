/** chartgate's `extensions.cost` (README "The query governor"). */
export interface ChartgateCost {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number | null; restoreRate: number };
}

const isCost = (v: unknown): v is ChartgateCost => !!v && typeof v === 'object' && typeof (v as ChartgateCost).requestedQueryCost === 'number';

/**
 * The cost of one gateway request that fetched from chartgate one or more times: the points of
 * every fetch added up, with the budget as the last fetch left it.
 */
export function addCost(sum: ChartgateCost | undefined, next: unknown): ChartgateCost | undefined {
  if (!isCost(next)) return sum;
  if (!sum) return { ...next };
  return {
    requestedQueryCost: sum.requestedQueryCost + next.requestedQueryCost,
    actualQueryCost: sum.actualQueryCost + next.actualQueryCost,
    throttleStatus: next.throttleStatus,
  };
}
