import { getOperationAST, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { DomainError } from '../lib/DomainError.js';
import { compileCostPlan, type CostPlan } from './analysis/compileCostPlan.js';
import { evaluateCostPlan } from './analysis/evaluateCostPlan.js';
import { longestVariableList } from './analysis/longestVariableList.js';
import { measureExpandedSize } from './analysis/measureExpandedSize.js';
import { measureStructure, type Structure } from './analysis/measureStructure.js';
import { tooComplex } from './analysis/tooComplex.js';
import type { GovernorLimits } from './GovernorLimits.js';

export interface OperationAnalysis {
  /** the static cost with the request's variables (computed even when a structural limit is broken) */
  cost: number;
  depth: number;
  aliases: number;
  rootFields: number;
  /** every limit the request breaks, cheapest check first (empty = within every limit) */
  violations: DomainError[];
}

export interface AnalyzeArgs {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  limits: GovernorLimits;
}

/** What one document's operation costs to analyse once: kept per document, reused by every request that sends it. */
interface DocumentFacts {
  operation: OperationDefinitionNode | null;
  /** selections after expanding fragments (linear, memoized fragments); NaN when a fragment spreads itself */
  expanded: number;
  cycle?: DomainError;
  /** the bounded walk's figures, taken by the first request whose limits let the walk run */
  structure?: Structure;
  plan?: CostPlan;
  /** the plan's cost per value of the variables it reads (the patient id of a lookup changes nothing) */
  costs?: Map<string, number>;
}

/** Distinct cost-variable values kept per document, and the longest such key worth keeping. */
const MAX_COSTS_PER_DOCUMENT = 64;
const MAX_COST_KEY = 256;

/** The plan's cost with these variables, evaluated once per distinct value of the variables it reads. */
function costOf(facts: DocumentFacts, plan: CostPlan, variables: Record<string, unknown>): number {
  let key = '';
  for (const name of plan.variables) key += `${JSON.stringify(variables[name]) ?? '~'},`;
  if (key.length > MAX_COST_KEY) return evaluateCostPlan(plan, variables);
  facts.costs ??= new Map();
  const known = facts.costs.get(key);
  if (known !== undefined) return known;
  const cost = evaluateCostPlan(plan, variables);
  if (facts.costs.size >= MAX_COSTS_PER_DOCUMENT) facts.costs.clear();
  facts.costs.set(key, cost);
  return cost;
}

const NONE: OperationAnalysis = Object.freeze({ cost: 0, depth: 0, aliases: 0, rootFields: 0, violations: [] });

/**
 * Structural limits and static cost of one request, cheapest first and linear in the document.
 * The document's analysis (expanded size, structure, the compiled cost plan) is cached per parsed
 * document (Apollo reuses the same DocumentNode for the same text); a request only compares the
 * cached figures with its client's limits and evaluates the plan with its variables. Introspection
 * selections are exempt from depth and recursion and bounded by their `ofType` chain instead.
 */
export function createOperationAnalyzer(
  schema: GraphQLSchema,
  /** maxIntrospectionDepth: GOVERNOR_MAX_INTROSPECTION_DEPTH; undefined = unbounded (pricing operations for certification) */
  opts: { mutationWeight?: number; maxIntrospectionDepth?: number } = {},
) {
  const mutationWeight = opts.mutationWeight ?? 10;
  const maxIntrospectionDepth = opts.maxIntrospectionDepth ?? Number.POSITIVE_INFINITY;
  const cache = new WeakMap<DocumentNode, Map<string, DocumentFacts>>();

  const factsOf = (document: DocumentNode, operationName: string | null | undefined): DocumentFacts => {
    let byName = cache.get(document);
    if (!byName) cache.set(document, (byName = new Map()));
    const key = operationName ?? '';
    const known = byName.get(key);
    if (known) return known;
    const operation = getOperationAST(document, operationName ?? undefined) ?? null;
    const facts: DocumentFacts = { operation, expanded: 0 };
    if (operation) {
      try {
        facts.expanded = measureExpandedSize(document, operation.selectionSet);
      } catch (error) {
        facts.expanded = Number.NaN;
        facts.cycle = error as DomainError;
      }
    }
    byName.set(key, facts);
    return facts;
  };

  function inspect({ document, operationName, variables = {}, limits }: AnalyzeArgs): OperationAnalysis {
    const facts = factsOf(document, operationName);
    const { operation } = facts;
    if (!operation) return NONE;
    if (facts.cycle) return { ...NONE, violations: [facts.cycle] };
    const rootType = schema.getRootType(operation.operation);
    if (!rootType) return NONE;
    const violations: DomainError[] = [];
    facts.plan ??= compileCostPlan(schema, document, operation, { mutationWeight });
    const cost = costOf(facts, facts.plan, variables);

    if (facts.expanded > limits.maxExpandedSelections) {
      violations.push(tooComplex('expandedSelections', facts.expanded, limits.maxExpandedSelections, 'Selections after expanding fragments'));
      return { cost, depth: 0, aliases: 0, rootFields: 0, violations };
    }
    const longestInput = longestVariableList(variables);
    if (longestInput > limits.maxInputList) violations.push(tooComplex('inputList', longestInput, limits.maxInputList, 'Longest input list'));

    if (!facts.structure) {
      const s = measureStructure(schema, document, operation.selectionSet, rootType);
      // directives on the operation and its variable definitions count too
      s.directives += (operation.directives?.length ?? 0) + (operation.variableDefinitions ?? []).reduce((n, v) => n + (v.directives?.length ?? 0), 0);
      facts.structure = s;
    }
    const s = facts.structure;
    if (s.longestListLiteral > limits.maxInputList) violations.push(tooComplex('inputList', s.longestListLiteral, limits.maxInputList, 'Longest input list'));
    if (s.depth > limits.maxDepth) violations.push(tooComplex('depth', s.depth, limits.maxDepth, 'Query depth'));
    if (s.rootFields > limits.maxRootFields) violations.push(tooComplex('rootFields', s.rootFields, limits.maxRootFields, 'Root fields'));
    if (s.aliases > limits.maxAliases) violations.push(tooComplex('aliases', s.aliases, limits.maxAliases, 'Aliases'));
    if (s.directives > limits.maxDirectives) violations.push(tooComplex('directives', s.directives, limits.maxDirectives, 'Directives'));
    if (s.recursion > limits.maxRecursion) violations.push(tooComplex('recursion', s.recursion, limits.maxRecursion, 'A field nested inside itself'));
    if (s.introspectionDepth > maxIntrospectionDepth)
      violations.push(tooComplex('introspectionDepth', s.introspectionDepth, maxIntrospectionDepth, 'Nested ofType in introspection'));
    if (cost > limits.maxCost) violations.push(tooComplex('cost', cost, limits.maxCost, 'Query cost'));
    return { cost, depth: s.depth, aliases: s.aliases, rootFields: s.rootFields, violations };
  }

  /** The analysis, throwing QUERY_TOO_COMPLEX for the first limit it breaks. */
  function analyze(args: AnalyzeArgs): OperationAnalysis {
    const result = inspect(args);
    if (result.violations.length > 0) throw result.violations[0];
    return result;
  }

  return Object.assign(analyze, { inspect });
}

export type OperationAnalyzer = ReturnType<typeof createOperationAnalyzer>;
