import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api/ApiError';
import { gql } from '../api/graphql';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Runs a GraphQL query now, again when its variables change, and every `pollMs` when given. */
export function useQuery<T>(query: string, variables?: Record<string, unknown>, opts: { pollMs?: number; skip?: boolean } = {}): QueryState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(!opts.skip);
  const key = JSON.stringify(variables ?? {});
  const live = useRef(true);

  const reload = useCallback(async () => {
    if (opts.skip) return;
    setLoading(true);
    try {
      const next = await gql<T>(query, JSON.parse(key) as Record<string, unknown>);
      if (!live.current) return;
      setData(next);
      setError(undefined);
    } catch (e) {
      if (live.current) setError(e as ApiError);
    } finally {
      if (live.current) setLoading(false);
    }
  }, [query, key, opts.skip]);

  useEffect(() => {
    live.current = true;
    void reload();
    if (!opts.pollMs) return () => void (live.current = false);
    const timer = setInterval(() => void reload(), opts.pollMs);
    return () => {
      live.current = false;
      clearInterval(timer);
    };
  }, [reload, opts.pollMs]);

  return { data, error, loading, reload };
}
