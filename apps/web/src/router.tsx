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

const councilRoute = createRoute({ getParentRoute: () => appRoute, path: '/councils/$councilId', beforeLoad: requireUser, component: lazyRouteComponent(() => import('./pages/council/CouncilPage')) });
// A poll's page, and a working group's coordinator putting a new one (the rule builder with its words).
const pollRoute = createRoute({ getParentRoute: () => appRoute, path: '/polls/$pollId', beforeLoad: requireUser, component: lazyRouteComponent(() => import('./pages/poll/PollPage')) });
const newGroupPollRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/working-groups/$groupId/polls/new',
  beforeLoad: requireUser,
  validateSearch: (search: Record<string, unknown>): { proposalId?: string } => (typeof search.proposalId === 'string' ? { proposalId: search.proposalId } : {}),
  component: lazyRouteComponent(() => import('./pages/poll/NewPollPage')),
});

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
// The secretariat's administration of a council (its own chunk and messages).
const adminRoute = createRoute({ getParentRoute: () => appRoute, path: '/councils/$councilId/admin', beforeLoad: requireUser, component: lazyRouteComponent(() => import('./pages/admin/AdminPage')) });

const projectorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sessions/$sessionId/projector',
  component: lazyRouteComponent(() => import('./pages/projector/Projector')),
});

// The agency representatives' inbox and one consultation in it.
const consultationsRoute = createRoute({ getParentRoute: () => appRoute, path: '/consultations', beforeLoad: requireUser, component: lazyRouteComponent(() => import('./pages/consultations/ConsultationsPage')) });
const consultationRoute = createRoute({ getParentRoute: () => appRoute, path: '/consultations/$consultationId', beforeLoad: requireUser, component: lazyRouteComponent(() => import('./pages/consultations/ConsultationPage')) });

// A council's implementation plans, items, progress and exports.
const implementationRoute = createRoute({ getParentRoute: () => appRoute, path: '/councils/$councilId/implementation', beforeLoad: requireUser, component: lazyRouteComponent(() => import('./pages/implementation/ImplementationPage')) });

// Petitions are public: neither the list, nor a petition's page, nor signing needs a user (the moderation queue is the secretariat's).
const petitionsRoute = createRoute({ getParentRoute: () => appRoute, path: '/councils/$councilId/petitions', component: lazyRouteComponent(() => import('./pages/petitions/PetitionsList')) });
const petitionModerationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/councils/$councilId/petitions/moderation',
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import('./pages/petitions/Moderation')),
});
const petitionRoute = createRoute({ getParentRoute: () => appRoute, path: '/petitions/$petitionId', component: lazyRouteComponent(() => import('./pages/petitions/PetitionPage')) });

const routeTree = rootRoute.addChildren([appRoute.addChildren([homeRoute, loginRoute, sessionRoute, councilRoute, pollRoute, newGroupPollRoute, proposalRoute, newProposalRoute, adminRoute, consultationsRoute, consultationRoute, implementationRoute, petitionsRoute, petitionModerationRoute, petitionRoute]), projectorRoute]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
