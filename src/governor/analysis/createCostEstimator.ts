import { getNamedType, getNullableType, isListType, type GraphQLSchema } from 'graphql';
import { argumentWeights, costWeight, listSizeOf, typeWeight, type ListSize } from './costDirectives.js';
import { dateRangeMonths } from './dateRangeMonths.js';
import type { ComplexityEstimator } from './queryComplexity.js';

/** How many items a list or connection field returns: its slicing argument (`first`), else assumedSize, else the argument's default, else 1. */
function sizeOf(listSize: ListSize | undefined, args: Record<string, unknown>, argDefault: (name: string) => unknown): number {
  const slicing = listSize?.slicingArguments ?? [];
  const given = slicing.map((name) => args[name]).find((v): v is number => typeof v === 'number');
  const fallback = slicing.map(argDefault).find((v): v is number => typeof v === 'number');
  return Math.max(0, given ?? listSize?.assumedSize ?? fallback ?? 1);
}

/**
 * The IBM cost directive spec over graphql-query-complexity, per selected field:
 * - weight = `@cost` on the field, else `mutationWeight` (default 10) for mutation root fields,
 *   else the type weight (`@cost` on the type, else objects 1, scalars and enums 0);
 *   plus the `@cost` of every argument supplied;
 * - a list of objects costs `weight` once when the field declares `@cost`, plus
 *   size x (type weight + children); without a field `@cost`, size x (type weight + children);
 * - a connection (`@listSize` with `sizedFields`, not itself a list) costs weight + size x children
 *   (every child is multiplied: conservative for pageInfo/totalCount);
 * - size = the slicing argument (`first`, from the variables when given as one), else assumedSize,
 *   else the argument's schema default, else 1;
 * - an aggregate (a field with `from`/`to` arguments and no slicing argument, e.g.
 *   productionSummary, appointmentStats) scans its whole range: its weight is multiplied by
 *   ceil(days / 30) (see dateRangeMonths); its result rows are priced as above, once (a list
 *   aggregate without a field `@cost` multiplies its items instead);
 * - `_entities(representations)` costs the number of representations x (weight + children).
 */
export function createCostEstimator(schema: GraphQLSchema, opts: { mutationWeight: number }): ComplexityEstimator {
  const mutationType = schema.getMutationType();
  return ({ type, field, args, childComplexity }) => {
    const named = getNamedType(field.type);
    const ofType = typeWeight(named);
    const declared = costWeight(field) ?? (mutationType && type === mutationType ? opts.mutationWeight : undefined);
    const listSize = listSizeOf(field);
    const isAggregate = !listSize?.slicingArguments?.length && 'from' in args && 'to' in args;
    const months = isAggregate ? (dateRangeMonths(args.from, args.to) ?? 1) : 1;
    const argWeight = argumentWeights(field.args, args);
    const own = (declared ?? ofType) * months + argWeight;

    if (field.name === '_entities' && Array.isArray(args.representations)) {
      return args.representations.length * (own + childComplexity);
    }
    const argDefault = (name: string) => field.args.find((a) => a.name === name)?.defaultValue;
    if (isListType(getNullableType(field.type))) {
      const size = sizeOf(listSize, args, argDefault);
      const items = size * (ofType + childComplexity);
      // the list's items carry the type weight; a field @cost is paid once on top
      return declared === undefined ? argWeight + items * months : own + items;
    }
    if (listSize) return own + sizeOf(listSize, args, argDefault) * childComplexity;
    return own + childComplexity;
  };
}
