import {
  TypeInfo,
  getNamedType,
  isInputObjectType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/** One field an operation selects, with the arguments it gives there. */
export interface FieldUse {
  /** 'Patient.lastName' */
  readonly coordinate: string;
  readonly parent: string;
  readonly field: string;
  /** its type as the schema the document was read against declares it, e.g. 'String!' */
  readonly type: string;
  /** the arguments given at this use */
  readonly args: ReadonlySet<string>;
}

/** Everything of a schema an operation document depends on. */
export interface Usage {
  readonly fields: readonly FieldUse[];
  /** 'Query.patients(first:)' -> its declared type */
  readonly args: ReadonlyMap<string, string>;
  /** input types of the variables, and every input type they reach */
  readonly inputTypes: ReadonlySet<string>;
}

function reachInputTypes(type: GraphQLNamedType, into: Set<string>): void {
  if (into.has(type.name)) return;
  into.add(type.name);
  if (isInputObjectType(type)) for (const f of Object.values(type.getFields())) reachInputTypes(getNamedType(f.type), into);
}

/**
 * The fields (with their declared types), arguments and input types a document uses, read
 * against `schema` (the one it was certified against). Fields the schema does not know are
 * skipped: validation reports them.
 */
export function collectUsage(schema: GraphQLSchema, document: DocumentNode): Usage {
  const fields: FieldUse[] = [];
  const args = new Map<string, string>();
  const inputTypes = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const def = typeInfo.getFieldDef();
        if (!parent || !def || def.name.startsWith('__')) return;
        const coordinate = `${parent.name}.${def.name}`;
        const given = new Set((node.arguments ?? []).map((a) => a.name.value));
        fields.push({ coordinate, parent: parent.name, field: def.name, type: String(def.type), args: given });
        for (const a of def.args) if (given.has(a.name)) args.set(`${coordinate}(${a.name}:)`, String(a.type));
      },
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type) as GraphQLInputType | undefined;
        if (type) reachInputTypes(getNamedType(type), inputTypes);
      },
    }),
  );
  return { fields, args, inputTypes };
}
