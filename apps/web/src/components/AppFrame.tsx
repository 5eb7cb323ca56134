import { QueryClientProvider } from '@tanstack/react-query';
import { Outlet, useRouterState } from '@tanstack/react-router';
import { queryClient } from '../api/query';
import { useReleaseFirstPaint } from '../firstPaint';

/** Every page but the projector: the query cache above the page (the projector loads none of it). */
export default function AppFrame() {
  // The server's first paint of a proposal (firstPaint.ts) gives way at once when the app is elsewhere.
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  useReleaseFirstPaint(false, pathname);
  return (
    <QueryClientProvider client={queryClient}>
      <Outlet />
    </QueryClientProvider>
  );
}
