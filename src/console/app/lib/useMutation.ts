import { useState } from 'react';
import type { ApiError } from '../api/ApiError';
import { gql } from '../api/graphql';

/** A GraphQL mutation with its pending state and last error (field errors go next to their field). */
export function useMutation<T>(mutation: string) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = async (variables?: Record<string, unknown>): Promise<T | undefined> => {
    setPending(true);
    setError(undefined);
    try {
      return await gql<T>(mutation, variables);
    } catch (e) {
      setError(e as ApiError);
      return undefined;
    } finally {
      setPending(false);
    }
  };
  return { run, pending, error, clearError: () => setError(undefined) };
}
