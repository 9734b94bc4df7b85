/**
 * The cost of what was really resolved, by the spec's defaults: every object in the result
 * counts 1 (scalars 0), and each mutation root field 10. Linear in the response size.
 */
export function countActualCost(data: unknown, isMutation: boolean): number {
  if (data === null || typeof data !== 'object') return 0;
  let objects = 0;
  const stack: unknown[] = [];
  for (const v of Object.values(data as Record<string, unknown>)) stack.push(v);
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
      continue;
    }
    objects++;
    for (const child of Object.values(v as Record<string, unknown>)) stack.push(child);
  }
  const rootFields = Object.keys(data as Record<string, unknown>).length;
  return isMutation ? objects + rootFields * 10 : objects;
}
