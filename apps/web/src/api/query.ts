import { QueryClient } from '@tanstack/react-query';

/**
 * One cache for the app's pages. Its provider sits in the page frame
 * (components/Layout), so the projector, which has no frame, loads none of it.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx answer will not change on a retry.
      retry: (count, error) => {
        const status = (error as { status?: number }).status ?? 0;
        return count < 2 && !(status >= 400 && status < 500);
      },
      refetchOnWindowFocus: false,
    },
  },
});
