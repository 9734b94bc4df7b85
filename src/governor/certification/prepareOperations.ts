import { Kind, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { OperationToRegister } from '../../gateway/operations/types.js';
import { badInput } from '../../lib/DomainError.js';
import { operationDocument } from './operationDocument.js';
import { worstCaseVariables, type WorstCaseBounds } from './worstCaseVariables.js';

export interface PreparedOperation extends OperationToRegister {
  /** the variables it was priced at */
  readonly pricedAt: Record<string, unknown>;
}

export interface OperationProblem {
  readonly operation: string;
  readonly message: string;
}

export interface PrepareDeps {
  schema: GraphQLSchema;
  bounds: WorstCaseBounds;
  /** the static cost of a document with variables, never refused (the governor's estimator) */
  costOf(document: DocumentNode, variables: Record<string, unknown>): number;
}

const nameOf = (op: OperationDefinitionNode) => op.name?.value ?? '(anonymous)';

/**
 * Every operation of a source as it would be certified: its canonical document and hash, checked
 * against the schema (each validation error is a problem naming the operation), and priced at its
 * worst allowed variables. Returns the operations and the problems; nothing is stored here.
 */
export function prepareOperations(deps: PrepareDeps, source: string): { operations: PreparedOperation[]; problems: OperationProblem[] } {
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    throw badInput(`Not a GraphQL document: ${(error as Error).message}`, 'file');
  }
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (ops.length === 0) throw badInput('The document holds no operation', 'file');
  const operations: PreparedOperation[] = [];
  const problems: OperationProblem[] = [];
  const seen = new Set<string>();
  for (const op of ops) {
    const { text, hash } = operationDocument(document, op);
    if (seen.has(hash)) continue;
    seen.add(hash);
    const standalone = parse(text);
    const errors = validate(deps.schema, standalone);
    if (errors.length > 0) {
      for (const e of errors) problems.push({ operation: nameOf(op), message: e.message });
      continue;
    }
    const operation = standalone.definitions[0] as OperationDefinitionNode;
    const pricedAt = worstCaseVariables(deps.schema, standalone, operation, deps.bounds);
    try {
      operations.push({ hash, name: op.name?.value ?? '', document: text, cost: deps.costOf(standalone, pricedAt), pricedAt });
    } catch (error) {
      problems.push({ operation: nameOf(op), message: `cannot be priced: ${(error as Error).message}` });
    }
  }
  return { operations, problems };
}

/** BAD_USER_INPUT listing every problem, one line each. */
export const invalidOperations = (problems: readonly OperationProblem[]) =>
  badInput(`Operations that do not validate against the schema:\n${problems.map((p) => `  ${p.operation}: ${p.message}`).join('\n')}`, 'file', {
    problems,
  });
