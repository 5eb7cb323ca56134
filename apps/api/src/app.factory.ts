import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { DestinationStream } from 'pino';
import { Logger } from 'nestjs-pino';
import { answerClientError, bodyParserProblem, deferBodyError, Environment, requestIdMiddleware } from '@kenes/common';
import { AppModule } from './app.module';
import { quietFramework } from './quiet-framework-logger';
import { mountDocs } from './docs/openapi';
import { LiveIoAdapter } from './live/live-io.adapter';
import { firstPaintLanguage, ProposalFirstPaintService } from './web/first-paint/first-paint.service';
import { pageShells } from './web/page-shells';
import { webDist } from './web/web.module';

export const API_PREFIX = 'api/v1';

const EXPOSED_HEADERS = ['ETag', 'Retry-After', 'X-Request-Id'];

/**
 * Helmet's headers. The web app gets a Content-Security-Policy that admits
 * only itself: its scripts, styles and fonts from this origin, and API calls
 * and the live socket to this origin. The API reference (/docs, whose
 * Swagger UI needs inline code) keeps the policy it had: none.
 */
function securityHeaders() {
  const withCsp = helmet({
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'font-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
  });
  const withoutCsp = helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  return (req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/docs') ? withoutCsp(req, res, next) : withCsp(req, res, next));
}

/** A comma-separated setting as a list; undefined when unset or empty. */
function listOf(value: string | undefined): string[] | undefined {
  const items = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

/** Builds the whole application (HTTP and socket.io) from a validated environment. */
export async function createApp(env: Environment, options: { logStream?: DestinationStream } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env, options.logStream), { bodyParser: false, bufferLogs: true });
  app.useLogger(quietFramework(app.get(Logger)));
  // Only the proxies TRUST_PROXY names may set the client's address (X-Forwarded-For); by default none.
  app.set('trust proxy', listOf(env.TRUST_PROXY) ?? false);
  app.set('x-powered-by', false);
  // A request Node's parser refuses (a NUL in a header, say) is answered as a problem naming the header.
  app.getHttpServer().on('clientError', answerClientError);
  // Before anything that may answer: every response carries X-Request-Id and the CORS headers.
  app.use(requestIdMiddleware);
  app.use(securityHeaders());
  // Deep links of pages that start their reads before the app's code (a proposal's): before the web app's static files and index.html.
  // A proposal's deep link shows a signed-in reader the dossier in the page itself (its page cookie names them).
  // Before CORS on purpose: a reader's own page must never carry CORS headers (with CORS_ORIGINS and
  // credentials, a listed origin could otherwise read it).
  const shells = pageShells(webDist(), {
    proposal: (req) =>
      app.get(ProposalFirstPaintService).render(req.path.split('/')[2], req.headers.cookie, firstPaintLanguage(req.query.lang, req.headers.cookie, req.headers['accept-language'])),
  });
  if (shells) app.use(shells);
  // Only the origins CORS_ORIGINS names get CORS headers (same-origin requests need none); by default none.
  const origins = listOf(env.CORS_ORIGINS)?.map((o) => o.replace(/\/+$/, ''));
  if (origins) {
    app.enableCors(
      origins.includes('*')
        ? { origin: '*', exposedHeaders: EXPOSED_HEADERS }
        : { origin: origins, credentials: true, exposedHeaders: EXPOSED_HEADERS, maxAge: 600 },
    );
  }
  app.use(express.json({ limit: env.BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  // A body the parser refuses is answered by DeferredBodyErrorGuard, after authentication (401 before 400).
  app.use((err: { type?: string; status?: number; limit?: number }, req: Request, _res: Response, next: NextFunction) => {
    const body = bodyParserProblem(err);
    if (!body) return next(err);
    deferBodyError(req, body);
    next();
  });
  app.setGlobalPrefix(API_PREFIX, {
    // The petition confirmation page is a page of the app, at the root (the mailed link), not an API route.
    exclude: [{ path: 'health', method: RequestMethod.GET }, { path: 'petitions/:petitionId/confirm', method: RequestMethod.GET }],
  });
  mountDocs(app);
  const io = new LiveIoAdapter(app, env.REDIS_URL, origins);
  await io.connect();
  app.useWebSocketAdapter(io);
  // Nest answers unknown routes itself, with a NotFoundException the ProblemFilter turns into a 404 problem.
  await app.init();
  return app;
}
