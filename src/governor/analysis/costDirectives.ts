import { isLeafType, type ConstDirectiveNode, type GraphQLField, type GraphQLNamedType } from 'graphql';

type WithDirectives = {
  astNode?: { directives?: readonly ConstDirectiveNode[] } | null;
  extensionASTNodes?: readonly { directives?: readonly ConstDirectiveNode[] }[];
};

/** A directive on a schema element, looked up on its definition and its `extend` nodes. */
function find(element: WithDirectives, name: string): ConstDirectiveNode | undefined {
  const own = element.astNode?.directives?.find((d) => d.name.value === name);
  if (own) return own;
  for (const ext of element.extensionASTNodes ?? []) {
    const d = ext.directives?.find((x) => x.name.value === name);
    if (d) return d;
  }
  return undefined;
}

function literal(d: ConstDirectiveNode | undefined, arg: string): unknown {
  const v = d?.arguments?.find((a) => a.name.value === arg)?.value;
  if (!v) return undefined;
  if (v.kind === 'IntValue' || v.kind === 'FloatValue') return Number(v.value);
  if (v.kind === 'StringValue') return v.value;
  if (v.kind === 'ListValue') return v.values.map((x) => (x.kind === 'StringValue' ? x.value : undefined));
  return undefined;
}

/** `@cost(weight: "N")` on a field, argument or type; undefined when absent or not a number. */
export function costWeight(element: WithDirectives): number | undefined {
  const w = Number(literal(find(element, 'cost'), 'weight'));
  return Number.isFinite(w) ? w : undefined;
}

/** The IBM default type weight: `@cost` on the type, else 1 for objects (and abstract types), 0 for scalars and enums. */
export function typeWeight(type: GraphQLNamedType): number {
  return costWeight(type as WithDirectives) ?? (isLeafType(type) ? 0 : 1);
}

export interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

/** `@listSize(...)` on a field definition, undefined when absent. */
export function listSizeOf(field: GraphQLField<unknown, unknown>): ListSize | undefined {
  const d = find(field as WithDirectives, 'listSize');
  if (!d) return undefined;
  const assumed = literal(d, 'assumedSize');
  return {
    assumedSize: typeof assumed === 'number' ? assumed : undefined,
    slicingArguments: literal(d, 'slicingArguments') as string[] | undefined,
    sizedFields: literal(d, 'sizedFields') as string[] | undefined,
  };
}
