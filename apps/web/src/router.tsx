import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import { getAuth } from './api/auth';

/** Pages that need a user send the others to /login and back. */
const requireUser = ({ location }: { location: { href: string } }) => {
  if (!getAuth()) throw redirect({ to: '/login', search: { redirect: location.href } });
};

const rootRoute = createRootRoute({
  component: Outlet,
  notFoundComponent: lazyRouteComponent(() => import('./pages/NotFoundPage')),
});

/** The pages with a frame and the query cache; the projector stands outside it. */
const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: lazyRouteComponent(() => import('./components/AppFrame')) });

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', beforeLoad: requireUser, component: lazyRouteComponent(() => import('./pages/Home')) });

const loginRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => (typeof search.redirect === 'string' ? { redirect: search.redirect } : {}),
  component: lazyRouteComponent(() => import('./pages/Login')),
});

// Every page of a sitting is its own chunk: the projector loads neither the forms nor the console.
const sessionRoute = createRoute({ getParentRoute: () => appRoute, path: '/sessions/$sessionId', component: lazyRouteComponent(() => import('./pages/session/SessionPage')) });

const proposalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/proposals/$proposalId',
  beforeLoad: requireUser,
  // The proposal's first reads start beside the page's code, not after it (a chunk of their own: the main bundle, which the projector loads, stays without the query cache).
  loader: ({ params }) => {
    void import('./pages/proposal/prefetch').then((m) => m.prefetchProposal(params.proposalId));
  },
  component: lazyRouteComponent(() => import('./pages/proposal/ProposalPage')),
});
const newProposalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/working-groups/$groupId/proposals/new',
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import('./pages/proposal/NewProposalPage')),
});

const projectorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sessions/$sessionId/projector',
  component: lazyRouteComponent(() => import('./pages/projector/Projector')),
});

const routeTree = rootRoute.addChildren([appRoute.addChildren([homeRoute, loginRoute, sessionRoute, proposalRoute, newProposalRoute]), projectorRoute]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
