/**
 * How a load job builds each request body, as plain data so it can cross to the driver process.
 * `template` replaces `{{n}}` with a per-job counter and `{{list:name}}` with lists[name][n % len],
 * so one spec yields a different document, variable or write slot per request.
 */
export type BodySpec =
  { kind: 'fixed'; body: string } | { kind: 'template'; template: string; lists?: Record<string, readonly (string | number)[]>; start?: number };

/** Returns a function giving the next body; the counter is shared by every connection of a job. */
export function createBodySource(spec: BodySpec): () => string {
  if (spec.kind === 'fixed') return () => spec.body;
  const parts = spec.template.split(/(\{\{[^}]+\}\})/g);
  let n = spec.start ?? 0;
  const render = parts.map((part): ((i: number) => string) => {
    const token = /^\{\{(.+)\}\}$/.exec(part)?.[1];
    if (!token) return () => part;
    if (token === 'n') return (i) => String(i);
    const list = /^list:(.+)$/.exec(token)?.[1];
    if (list) {
      const values = spec.lists?.[list];
      if (!values || values.length === 0) throw new Error(`template list ${list} is missing or empty`);
      return (i) => String(values[i % values.length]);
    }
    throw new Error(`unknown template token {{${token}}}`);
  });
  return () => {
    const i = n++;
    let out = '';
    for (const r of render) out += r(i);
    return out;
  };
}
