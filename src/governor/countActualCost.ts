/**
 * The cost of what was really resolved, by the spec's defaults: every object in the result
 * counts 1 (scalars 0), and each mutation root field 10. Linear in the response size.
 */
export function countActualCost(data: unknown, isMutation: boolean): number {
  if (data === null || typeof data !== 'object') return 0;
  let objects = 0;
  // only objects and lists are pushed: scalars, most of a response, cost nothing to skip (no closure: this runs on every response)
  const stack: object[] = [];
  for (const key in data) {
    const v = (data as Record<string, unknown>)[key];
    if (v !== null && typeof v === 'object') stack.push(v);
  }
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (Array.isArray(v)) {
      for (const item of v) if (item !== null && typeof item === 'object') stack.push(item as object);
      continue;
    }
    objects++;
    for (const key in v) {
      const child = (v as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  const rootFields = Object.keys(data as Record<string, unknown>).length;
  return isMutation ? objects + rootFields * 10 : objects;
}
