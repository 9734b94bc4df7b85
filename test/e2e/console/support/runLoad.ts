/**
 * The load script of the live-load test: `requests` GraphQL reads with one client's key,
 * `concurrency` at a time, as a busy integration would send them. Resolves with the statuses seen.
 */
export async function runLoad(opts: { url: string; key: string; requests: number; concurrency: number; query?: string }): Promise<Map<number, number>> {
  const query = opts.query ?? 'query LoadScript { viewer { client { name } } clinics { id name } }';
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < opts.requests) {
      next++;
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.key}` },
        body: JSON.stringify({ query }),
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return statuses;
}
