import { Kind, valueFromASTUntyped, type ValueNode } from 'graphql';
import type { CostField, CostItem, CostPlan, CostSelection, ValueSource } from './compileCostPlan.js';
import { dateRangeMonths } from './dateRangeMonths.js';

/**
 * A compiled plan's cost with one request's variables (IBM cost directive spec):
 * - a field weighs its `@cost`, else the mutation weight (mutation root fields), else its type's
 *   weight (objects 1, scalars 0), plus the `@cost` of every argument supplied;
 * - a list of objects costs size x (type weight + children), plus a field `@cost` once when declared;
 * - a connection (`@listSize` with `sizedFields`) costs its weight + its children, where only the
 *   sized fields (edges, nodes) are multiplied by the size: `pageInfo` and `totalCount` once;
 * - size = the slicing argument (`first`), else assumedSize, else the argument's default, else 1;
 * - an aggregate (`from`/`to`, no slicing argument) multiplies its weight by ceil(days / 30);
 * - `_entities(representations)` costs the number of representations x (weight + children);
 * - of an abstract type's per-type fragments the dearest counts; skipped fields cost nothing.
 */
export function evaluateCostPlan(plan: CostPlan, variables: Readonly<Record<string, unknown>>): number {
  const value = (s: ValueSource | undefined): unknown => {
    if (!s) return undefined;
    if ('variable' in s) {
      const given = variables[s.variable];
      if (given !== undefined) return given;
      const fallback: ValueNode | undefined = plan.variableDefaults.get(s.variable);
      return fallback ? valueFromASTUntyped(fallback) : undefined;
    }
    return s.literal.kind === Kind.NULL ? null : valueFromASTUntyped(s.literal, variables);
  };

  const included = (f: CostField): boolean => f.conditions.every((c) => (value(c.if) === true) === c.include);

  const sizeOf = (f: CostField): number => {
    if (!f.size) return 1;
    const given = f.size.slicing.map(value).find((v): v is number => typeof v === 'number' && Number.isFinite(v));
    return Math.max(0, given ?? f.size.assumed ?? f.size.fallback ?? 1);
  };

  // a selection's cost per top-level field name (nested fragments flattened), so a connection can
  // multiply only its sized fields even when they come through a fragment; '' holds the abstract part
  type Breakdown = Map<string, number>;
  const fragmentBreakdowns = new Map<string, Breakdown>();
  const add = (into: Breakdown, name: string, n: number) => into.set(name, (into.get(name) ?? 0) + n);
  const addItems = (into: Breakdown, items: readonly CostItem[]) => {
    for (const item of items) {
      if ('fragment' in item) for (const [name, n] of fragmentBreakdown(item.fragment)) add(into, name, n);
      else if (included(item)) add(into, item.name, fieldCost(item));
    }
  };
  const total = (b: Breakdown) => [...b.values()].reduce((a, n) => a + n, 0);
  const breakdown = (s: CostSelection): Breakdown => {
    const out: Breakdown = new Map();
    addItems(out, s.items);
    let dearest = 0;
    for (const items of s.byType.values()) {
      const b: Breakdown = new Map();
      addItems(b, items);
      dearest = Math.max(dearest, total(b));
    }
    if (dearest > 0) add(out, '', dearest);
    return out;
  };
  const fragmentBreakdown = (name: string): Breakdown => {
    let b = fragmentBreakdowns.get(name);
    if (!b) {
      fragmentBreakdowns.set(name, new Map()); // a cycle (refused earlier) costs nothing rather than recursing
      b = breakdown(plan.fragments.get(name) ?? { items: [], byType: new Map() });
      fragmentBreakdowns.set(name, b);
    }
    return b;
  };
  const selectionCost = (s: CostSelection, sized?: { names: ReadonlySet<string>; size: number }): number => {
    let n = 0;
    for (const [name, cost] of breakdown(s)) n += cost * (sized?.names.has(name) ? sized.size : 1);
    return n;
  };

  const fieldCost = (f: CostField): number => {
    const months = f.range ? (dateRangeMonths(value(f.range.from), value(f.range.to)) ?? 1) : 1;
    const argWeight = f.argWeights.reduce((a, b) => a + b, 0);
    const own = (f.declared ?? f.typeWeight) * months + argWeight;
    if (f.representations) {
      const reps = value(f.representations);
      return (Array.isArray(reps) ? reps.length : 1) * (own + selectionCost(f.children));
    }
    if (f.isList) {
      const items = sizeOf(f) * (f.typeWeight + selectionCost(f.children));
      // the list's items carry the type weight; a field @cost is paid once on top
      return f.declared === undefined ? argWeight + items * months : own + items;
    }
    if (f.size && f.sizedFields) return own + selectionCost(f.children, { names: f.sizedFields, size: sizeOf(f) });
    if (f.size) return own + sizeOf(f) * selectionCost(f.children);
    return own + selectionCost(f.children);
  };

  return selectionCost(plan.root);
}
