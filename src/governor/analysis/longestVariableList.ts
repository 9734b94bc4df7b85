/** The longest array anywhere in the request's variables (nested inputs included). */
export function longestVariableList(value: unknown): number {
  let longest = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      longest = Math.max(longest, v.length);
      for (const item of v) stack.push(item);
    } else if (v && typeof v === 'object') for (const item of Object.values(v)) stack.push(item);
  }
  return longest;
}
