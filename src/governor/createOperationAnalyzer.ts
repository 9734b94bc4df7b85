import { getOperationAST, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity } from './analysis/queryComplexity.js';
import { badInput } from '../lib/DomainError.js';
import type { GovernorLimits } from './GovernorLimits.js';
import { createCostEstimator } from './analysis/createCostEstimator.js';
import { longestVariableList } from './analysis/longestVariableList.js';
import { measureExpandedSize } from './analysis/measureExpandedSize.js';
import { measureStructure } from './analysis/measureStructure.js';
import { tooComplex } from './analysis/tooComplex.js';

export interface OperationAnalysis {
  cost: number;
  depth: number;
  aliases: number;
  rootFields: number;
}

export interface AnalyzeArgs {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  limits: GovernorLimits;
}

/**
 * Structural limits and static cost of one request, cheapest first and linear in the document:
 * the expanded size is computed with memoized fragments and bounded before anything walks the
 * expansion, so a doubling fan-out is refused, never expanded. Introspection selections are
 * exempt from depth and recursion and bounded by their `ofType` chain instead
 * (`maxIntrospectionDepth`). Throws QUERY_TOO_COMPLEX.
 */
export function createOperationAnalyzer(
  schema: GraphQLSchema,
  /** maxIntrospectionDepth: GOVERNOR_MAX_INTROSPECTION_DEPTH; undefined = unbounded (pricing operations for certification) */
  opts: { mutationWeight?: number; maxIntrospectionDepth?: number } = {},
) {
  const maxIntrospectionDepth = opts.maxIntrospectionDepth ?? Number.POSITIVE_INFINITY;
  const estimators = [createCostEstimator(schema, { mutationWeight: opts.mutationWeight ?? 10 }), () => 0];
  return function analyze({ document, operationName, variables = {}, limits }: AnalyzeArgs): OperationAnalysis {
    const operation = getOperationAST(document, operationName ?? undefined);
    if (!operation) return { cost: 0, depth: 0, aliases: 0, rootFields: 0 };

    const expanded = measureExpandedSize(document, operation.selectionSet);
    if (expanded > limits.maxExpandedSelections)
      throw tooComplex('expandedSelections', expanded, limits.maxExpandedSelections, 'Selections after expanding fragments');

    const longestInput = longestVariableList(variables);
    if (longestInput > limits.maxInputList) throw tooComplex('inputList', longestInput, limits.maxInputList, 'Longest input list');

    const rootType = schema.getRootType(operation.operation);
    if (!rootType) return { cost: 0, depth: 0, aliases: 0, rootFields: 0 };
    const s = measureStructure(schema, document, operation.selectionSet, rootType);
    // directives on the operation and its variable definitions count too
    s.directives += (operation.directives?.length ?? 0) + (operation.variableDefinitions ?? []).reduce((n, v) => n + (v.directives?.length ?? 0), 0);
    if (s.longestListLiteral > limits.maxInputList) throw tooComplex('inputList', s.longestListLiteral, limits.maxInputList, 'Longest input list');
    if (s.depth > limits.maxDepth) throw tooComplex('depth', s.depth, limits.maxDepth, 'Query depth');
    if (s.rootFields > limits.maxRootFields) throw tooComplex('rootFields', s.rootFields, limits.maxRootFields, 'Root fields');
    if (s.aliases > limits.maxAliases) throw tooComplex('aliases', s.aliases, limits.maxAliases, 'Aliases');
    if (s.directives > limits.maxDirectives) throw tooComplex('directives', s.directives, limits.maxDirectives, 'Directives');
    if (s.recursion > limits.maxRecursion) throw tooComplex('recursion', s.recursion, limits.maxRecursion, 'A field nested inside itself');
    if (s.introspectionDepth > maxIntrospectionDepth)
      throw tooComplex('introspectionDepth', s.introspectionDepth, maxIntrospectionDepth, 'Nested ofType in introspection');

    let cost: number;
    try {
      cost = getComplexity({ schema, query: document, operationName: operation.name?.value, variables, estimators });
    } catch (error) {
      // the library coerces variables itself: a bad value is the caller's input error, not ours
      throw badInput(error instanceof Error ? error.message : 'Invalid variables');
    }
    if (cost > limits.maxCost) throw tooComplex('cost', cost, limits.maxCost, 'Query cost');
    return { cost, depth: s.depth, aliases: s.aliases, rootFields: s.rootFields };
  };
}
