import DataLoader from 'dataloader';

/**
 * A per-request loader of rows by key: one `WHERE key IN (...)` statement per batch, however many
 * parents asked. Keys the service does not return (unknown or invisible) load as null.
 */
export function createByIdLoader<T extends { id: number }>(fetch: (ids: readonly number[]) => Promise<T[]>): DataLoader<number, T | null> {
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = await fetch(ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** A per-request loader of child lists by parent key (e.g. procedures by appointment). */
export function createByParentLoader<T>(fetch: (parentIds: readonly number[]) => Promise<T[]>, parentOf: (row: T) => number | null): DataLoader<number, T[]> {
  return new DataLoader<number, T[]>(async (parentIds) => {
    const rows = await fetch(parentIds);
    const groups = new Map<number, T[]>();
    for (const row of rows) {
      const parent = parentOf(row);
      if (parent === null) continue;
      const list = groups.get(parent);
      if (list) list.push(row);
      else groups.set(parent, [row]);
    }
    return parentIds.map((id) => groups.get(id) ?? []);
  });
}
