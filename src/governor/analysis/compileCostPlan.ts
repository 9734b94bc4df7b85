import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { costWeight, listSizeOf, typeWeight } from './costDirectives.js';

/** Where a value comes from: a literal in the document, or a variable (with its declared default). */
export type ValueSource = { readonly literal: ValueNode } | { readonly variable: string };

/** One selected field, with everything its price depends on that the document fixes. */
export interface CostField {
  /** the named type's weight (`@cost` on the type, else objects 1, leaves 0) */
  readonly typeWeight: number;
  /** `@cost` on the field, or the mutation weight for mutation root fields */
  readonly declared: number | undefined;
  /** `@cost` of each argument, when the operation supplies it */
  readonly argWeights: readonly number[];
  readonly isList: boolean;
  /** `@listSize`: where the size comes from */
  readonly size?: { readonly slicing: readonly ValueSource[]; readonly assumed?: number; readonly fallback?: number };
  /** a connection's sized fields (edges, nodes): only these are multiplied by the size */
  readonly sizedFields?: ReadonlySet<string>;
  /** the field's own name, for its parent's sizedFields */
  readonly name: string;
  /** aggregates scan their whole range: their weight is multiplied by its 30-day blocks */
  readonly range?: { readonly from?: ValueSource; readonly to?: ValueSource };
  /** `_entities(representations:)`: priced per representation */
  readonly representations?: ValueSource;
  /** @skip/@include conditions: the field costs nothing when they drop it */
  readonly conditions: readonly { readonly include: boolean; readonly if: ValueSource }[];
  readonly children: CostSelection;
}

/** A selected field, or a named fragment spread (compiled once, priced once per evaluation however often it is spread). */
export type CostItem = CostField | { readonly fragment: string };

/** A selection: items that apply whatever the type, and items of one possible type each (the dearest counts). */
export interface CostSelection {
  readonly items: readonly CostItem[];
  readonly byType: ReadonlyMap<string, readonly CostItem[]>;
}

/** The price of one operation, fixed by its document; evaluating it with the request's variables is a short walk. */
export interface CostPlan {
  readonly root: CostSelection;
  /** each named fragment's selection on its type condition */
  readonly fragments: ReadonlyMap<string, CostSelection>;
  /** declared defaults of the operation's variables */
  readonly variableDefaults: ReadonlyMap<string, ValueNode>;
  /** the variables the price reads (slicing arguments, ranges, conditions, representations): a request's cost depends on nothing else */
  readonly variables: readonly string[];
}

const EMPTY: CostSelection = Object.freeze({ items: [], byType: new Map() });

/** Every variable a value reads, nested in list and object literals too. */
function collectVariables(value: ValueNode, into: Set<string>): void {
  if (value.kind === Kind.VARIABLE) into.add(value.name.value);
  else if (value.kind === Kind.LIST) for (const v of value.values) collectVariables(v, into);
  else if (value.kind === Kind.OBJECT) for (const f of value.fields) collectVariables(f.value, into);
}

function conditionsOf(directives: readonly DirectiveNode[] | undefined, sourceOf: (value: ValueNode) => ValueSource): CostField['conditions'] {
  const out: { include: boolean; if: ValueSource }[] = [];
  for (const d of directives ?? []) {
    if (d.name.value !== 'skip' && d.name.value !== 'include') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    if (arg) out.push({ include: d.name.value === 'include', if: sourceOf(arg.value) });
  }
  return out;
}

/**
 * Compiles the cost of one operation (IBM cost directive spec) into a plan that depends only on
 * the document: the governor caches it per document and evaluates it per request with the
 * request's variables. Each named fragment is compiled once, so a doubling fan-out stays linear.
 */
export function compileCostPlan(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, opts: { mutationWeight: number }): CostPlan {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const mutationType = schema.getMutationType();
  const read = new Set<string>();
  const sourceOf = (value: ValueNode): ValueSource => {
    collectVariables(value, read);
    return value.kind === Kind.VARIABLE ? { variable: value.name.value } : { literal: value };
  };

  const field = (parent: GraphQLCompositeType, def: GraphQLField<unknown, unknown>, node: FieldNode): CostField => {
    const named = getNamedType(def.type);
    const given = new Map((node.arguments ?? []).map((a) => [a.name.value, a.value]));
    const listSize = listSizeOf(def);
    const slicing = listSize?.slicingArguments ?? [];
    const fallback = slicing.map((n) => def.args.find((a) => a.name === n)?.defaultValue).find((v): v is number => typeof v === 'number');
    const isAggregate = slicing.length === 0 && def.args.some((a) => a.name === 'from') && def.args.some((a) => a.name === 'to');
    const source = (name: string): ValueSource | undefined => {
      const v = given.get(name);
      return v ? sourceOf(v) : undefined;
    };
    return {
      name: def.name,
      typeWeight: typeWeight(named),
      declared: costWeight(def) ?? (mutationType && parent === mutationType ? opts.mutationWeight : undefined),
      argWeights: def.args.filter((a) => given.has(a.name)).map((a) => costWeight(a) ?? 0),
      isList: isListType(getNullableType(def.type)),
      ...(listSize
        ? {
            size: {
              slicing: slicing.map(source).filter((s): s is ValueSource => s !== undefined),
              ...(listSize.assumedSize === undefined ? {} : { assumed: listSize.assumedSize }),
              ...(fallback === undefined ? {} : { fallback }),
            },
          }
        : {}),
      ...(listSize?.sizedFields?.length ? { sizedFields: new Set(listSize.sizedFields) } : {}),
      ...(isAggregate ? { range: { from: source('from'), to: source('to') } } : {}),
      ...(def.name === '_entities' && given.has('representations') ? { representations: source('representations') } : {}),
      conditions: conditionsOf(node.directives, sourceOf),
      children: node.selectionSet && isCompositeType(named) ? selection(named, node.selectionSet) : EMPTY,
    };
  };

  const compiledFragments = new Map<string, CostSelection>();
  const selection = (parent: GraphQLCompositeType, set: SelectionSetNode): CostSelection => {
    const items: CostItem[] = [];
    const byType = new Map<string, CostItem[]>();
    const perType = (name: string): CostItem[] => {
      let list = byType.get(name);
      if (!list) byType.set(name, (list = []));
      return list;
    };
    const visit = (type: GraphQLCompositeType, s: SelectionSetNode, into: CostItem[]) => {
      for (const sel of s.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value.startsWith('__')) continue; // introspection and __typename cost nothing
          const def = isObjectType(type) || isInterfaceType(type) ? type.getFields()[sel.name.value] : undefined;
          if (def) into.push(field(type, def, sel));
          continue;
        }
        const spread = sel.kind === Kind.FRAGMENT_SPREAD ? fragments.get(sel.name.value) : undefined;
        if (sel.kind === Kind.FRAGMENT_SPREAD && !spread) continue; // unknown fragments are validation's to report
        const condition = spread ? spread.typeCondition.name.value : sel.kind === Kind.INLINE_FRAGMENT ? sel.typeCondition?.name.value : undefined;
        const on = condition ? schema.getType(condition) : type;
        if (!on || !isCompositeType(on)) continue;
        // a fragment on one concrete type of an abstract parent counts only when that type is the one returned
        const target = isAbstractType(parent) && isObjectType(on) ? perType(on.name) : into;
        if (spread) {
          compileFragment(spread.name.value, on);
          target.push({ fragment: spread.name.value });
        } else if (sel.kind === Kind.INLINE_FRAGMENT) visit(on, sel.selectionSet, target);
      }
    };
    visit(parent, set, items);
    return { items, byType };
  };
  const compileFragment = (name: string, on: GraphQLCompositeType) => {
    if (compiledFragments.has(name)) return;
    compiledFragments.set(name, EMPTY); // a cycle (refused before this runs) can never recurse forever
    compiledFragments.set(name, selection(on, fragments.get(name)!.selectionSet));
  };

  const root = schema.getRootType(operation.operation);
  const variableDefaults = new Map<string, ValueNode>();
  for (const v of operation.variableDefinitions ?? []) if (v.defaultValue) variableDefaults.set(v.variable.name.value, v.defaultValue);
  const compiled = root ? selection(root, operation.selectionSet) : EMPTY;
  return { root: compiled, fragments: compiledFragments, variableDefaults, variables: [...read].sort() };
}
