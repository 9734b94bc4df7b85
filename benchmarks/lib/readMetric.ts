/** Fetches a Prometheus text endpoint and reads one series (name and exact labels), 0 when absent. */
export async function readMetric(metricsUrl: string | null, name: string, labels: Record<string, string>): Promise<number | null> {
  if (!metricsUrl) return null;
  const text = await (await fetch(metricsUrl)).text();
  const wanted = Object.entries(labels);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const body = line.slice(name.length + 1, line.indexOf('}'));
    const have = new Map(body.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 2, -1)]));
    if (wanted.every(([k, v]) => have.get(k) === v)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}
