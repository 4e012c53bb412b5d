import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/problem';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors (403, 404, 412 …) will not change on retry.
        retry: (count, err) => !(isApiError(err) && err.status < 500) && count < 2,
      },
    },
  });
}
