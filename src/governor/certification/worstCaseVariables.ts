import {
  Kind,
  TypeInfo,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { listSizeOf } from '../analysis/costDirectives.js';

/** The widest values the API accepts, which an operation's variables are priced at. */
export interface WorstCaseBounds {
  /** the largest `first` a connection accepts (500) */
  maxFirst: number;
  /** the widest inclusive date range an aggregate accepts, in days (1096) */
  maxSpanDays: number;
  /** the longest input list the governor accepts: `_entities(representations)` is priced per item */
  maxInputList: number;
}

/** Dates of an unbounded range start here; any valid day prices the same. */
const ANCHOR_DAY = '2000-01-01';
const DAY_MS = 86_400_000;

interface Use {
  field: GraphQLField<unknown, unknown>;
  arg: GraphQLArgument;
  node: FieldNode;
}

const shiftDay = (day: string, days: number): string => new Date(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** A day in the form the argument's type takes: Date 'YYYY-MM-DD', DateTime ISO 8601 UTC. */
const asType = (type: GraphQLInputType, day: string): string => (getNamedType(type).name === 'DateTime' ? `${day}T00:00:00Z` : day);

/** A small valid value of any input type (lists of one, input objects with their required fields). */
function sample(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return sample(type.ofType, depth);
  if (isListType(type)) return [sample(type.ofType, depth)];
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isInputObjectType(type)) {
    if (depth > 5) return {};
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = sample(f.type, depth + 1);
    return out;
  }
  switch (type.name) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'ID':
      return '1';
    case 'Date':
      return ANCHOR_DAY;
    case 'DateTime':
      return `${ANCHOR_DAY}T00:00:00Z`;
    case 'Money':
      return '1.00';
    case '_Any':
      return { __typename: 'Entity' };
    default:
      return 'x';
  }
}

/** The other end of a from/to pair on the same field, when it is a literal day. */
function literalDay(node: FieldNode, name: 'from' | 'to'): string | undefined {
  const v = node.arguments?.find((a) => a.name.value === name)?.value;
  return v?.kind === Kind.STRING ? v.value.slice(0, 10) : undefined;
}

/**
 * The variables an operation costs most with, within what the API accepts: a `first` (any
 * slicing argument) at its maximum, an aggregate's `from`/`to` spanning the widest range (from a
 * literal other end, when there is one), `_entities` representations at the longest list, and
 * every other variable at its default or else a small valid value (so optional arguments with a
 * `@cost` are priced as supplied).
 */
export function worstCaseVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  bounds: WorstCaseBounds,
): Record<string, unknown> {
  const uses = new Map<string, Use[]>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field) return;
        for (const a of node.arguments ?? []) {
          const arg = field.args.find((x) => x.name === a.name.value);
          if (a.value.kind !== Kind.VARIABLE || !arg) continue;
          const name = a.value.name.value;
          uses.set(name, [...(uses.get(name) ?? []), { field, arg, node }]);
        }
      },
    }),
  );

  const out: Record<string, unknown> = {};
  for (const def of operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    const type = typeFromAST(schema, def.type) as GraphQLInputType | undefined;
    if (!type) continue;
    const used = uses.get(name) ?? [];
    const slicing = used.some((u) => listSizeOf(u.field)?.slicingArguments?.includes(u.arg.name));
    const range = used.find((u) => (u.arg.name === 'from' || u.arg.name === 'to') && !listSizeOf(u.field)?.slicingArguments?.length && isAggregate(u.field));
    const entities = used.some((u) => u.field.name === '_entities' && u.arg.name === 'representations');
    if (slicing) out[name] = bounds.maxFirst;
    else if (range) {
      const span = bounds.maxSpanDays - 1;
      const other = literalDay(range.node, range.arg.name === 'from' ? 'to' : 'from');
      const day = range.arg.name === 'from' ? (other ? shiftDay(other, -span) : ANCHOR_DAY) : shiftDay(other ?? ANCHOR_DAY, span);
      out[name] = asType(type, day);
    } else if (entities) out[name] = Array.from({ length: bounds.maxInputList }, () => ({ __typename: 'Entity' }));
    // a default is what the server would use: leave it to variable coercion
    else if (!def.defaultValue) out[name] = sample(type);
  }
  return out;
}

/** A field that scans a date range: both `from` and `to` arguments (productionSummary, appointmentStats). */
const isAggregate = (field: GraphQLField<unknown, unknown>) => field.args.some((a) => a.name === 'from') && field.args.some((a) => a.name === 'to');
