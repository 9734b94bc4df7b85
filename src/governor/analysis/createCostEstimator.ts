import { getNamedType, isLeafType, isListType, getNullableType, type ConstDirectiveNode, type GraphQLField } from 'graphql';
import type { ComplexityEstimator } from './queryComplexity.js';

const DAY_MS = 86_400_000;

function directive(field: GraphQLField<unknown, unknown>, name: string): ConstDirectiveNode | undefined {
  return field.astNode?.directives?.find((d) => d.name.value === name);
}

function argValue(d: ConstDirectiveNode | undefined, name: string): unknown {
  const a = d?.arguments?.find((x) => x.name.value === name);
  if (!a) return undefined;
  const v = a.value;
  if (v.kind === 'IntValue' || v.kind === 'FloatValue') return Number(v.value);
  if (v.kind === 'StringValue') return v.value;
  if (v.kind === 'ListValue') return v.values.map((x) => ('value' in x ? x.value : undefined));
  return undefined;
}

/** Days covered by `from`/`to` arguments (Date or DateTime strings); undefined when the field has none. */
function spanDays(args: Record<string, unknown>): number | undefined {
  const { from, to } = args as { from?: unknown; to?: unknown };
  if (typeof from !== 'string' || typeof to !== 'string') return undefined;
  const a = Date.parse(from.length === 10 ? `${from}T00:00:00Z` : from);
  const b = Date.parse(to.length === 10 ? `${to}T00:00:00Z` : to);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return undefined;
  return Math.floor((b - a) / DAY_MS) + 1;
}

/**
 * The IBM cost directive spec over graphql-query-complexity: a field costs its `@cost` weight
 * (default: 1 for object types, 0 for scalars and enums, 10 for mutation root fields) plus its
 * children times its size — `first` (or another slicing argument) for `@listSize` connections,
 * `assumedSize` for other lists, the number of representations for `_entities`. Fields with a
 * `from`/`to` date range and no slicing argument (the dashboard aggregates) are multiplied by
 * ceil(days / 30).
 */
export function createCostEstimator(opts: { mutationWeight: number }): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const named = getNamedType(field.type);
    const costDirective = directive(field, 'cost');
    const declared = Number(argValue(costDirective, 'weight'));
    const isMutationRoot = type.name === 'Mutation';
    const base = Number.isFinite(declared) ? declared : isMutationRoot ? opts.mutationWeight : isLeafType(named) ? 0 : 1;

    const listSize = directive(field, 'listSize');
    const slicing = argValue(listSize, 'slicingArguments') as string[] | undefined;
    // aggregates (no slicing argument) scan their whole date range: price them by its span; pages are priced by `first`
    const days = slicing ? undefined : spanDays(args);
    const span = days === undefined ? 1 : Math.max(1, Math.ceil(days / 30));
    if (isLeafType(named)) return base * span;

    const sliced = slicing?.map((name) => args[name]).find((v) => typeof v === 'number') as number | undefined;
    const assumed = argValue(listSize, 'assumedSize') as number | undefined;
    if (field.name === '_entities' && Array.isArray(args.representations)) {
      return args.representations.length * (base + childComplexity);
    }
    if (isListType(getNullableType(field.type))) {
      // a list of objects: every item costs its weight plus its children
      return (sliced ?? assumed ?? 1) * (base + childComplexity) * span;
    }
    // a connection: the object itself once, its sized fields (edges, nodes) `first` times
    return (base + (sliced ?? assumed ?? 1) * childComplexity) * span;
  };
}
