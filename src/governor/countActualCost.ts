/**
 * The cost of what was really resolved, by the spec's defaults: every object in the result
 * counts 1 (scalars 0), and each mutation root field 10. Linear in the response size.
 */
export function countActualCost(data: unknown, isMutation: boolean): number {
  if (data === null || typeof data !== 'object') return 0;
  let objects = 0;
  // only objects and lists are pushed: scalars, most of a response, cost nothing to skip
  const stack: object[] = [];
  const push = (v: unknown) => {
    if (v !== null && typeof v === 'object') stack.push(v);
  };
  for (const key in data) push((data as Record<string, unknown>)[key]);
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (Array.isArray(v)) {
      for (const item of v) push(item);
      continue;
    }
    objects++;
    for (const key in v) push((v as Record<string, unknown>)[key]);
  }
  const rootFields = Object.keys(data as Record<string, unknown>).length;
  return isMutation ? objects + rootFields * 10 : objects;
}
