import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream } from 'pino';
import { AuditApiModule } from '@kenes/councils';
import { AuditModule } from '@kenes/audit';
import { ApiValidationPipe, ConfigModule, DeferredBodyErrorGuard, Environment, ProblemFilter, requestIdOf, UnsafeTextGuard } from '@kenes/common';
import { CouncilsModule } from '@kenes/councils';
import { DatabaseModule } from '@kenes/database';
import { IdentityModule } from '@kenes/identity';
import { PollsModule } from '@kenes/polls';
import { ProposalsModule } from '@kenes/proposals';
import { SessionsModule } from '@kenes/sessions';
import { ImplementationModule } from '@kenes/implementation';
import { RotationModule } from '@kenes/rotation';
import { PetitionsModule } from '@kenes/petitions';
import { JwtAuthGuard } from '@kenes/identity';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { persistence } from './persistence';
import { UserThrottlerGuard } from './user-throttler.guard';
import { FirstPaintModule } from './web/first-paint/first-paint.module';
import { WebModule } from './web/web.module';

/** The deployable: composes the domain libraries; holds no rules of its own. */
@Module({})
export class AppModule {
  /** @param logStream where the JSON log lines go (stdout when absent; tests read them). */
  static forRoot(env: Environment, logStream?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggerModule.forRoot({
          // Every request (named so that path-to-regexp 8 needs no conversion of a bare `*`).
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: [
            {
              level: env.LOG_LEVEL,
              genReqId: (req, res) => requestIdOf(req, res),
              // Credentials, and the Idempotency-Key (a secret ballot's receipt is derived from it), never reach a log.
              redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]'],
              // A request's line says what was asked and how it went, not its 1.5 KB of headers.
              serializers: {
                req: (req: { id?: unknown; method?: string; url?: string }) => ({ id: req.id, method: req.method, url: req.url }),
                res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
              },
              customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
            },
            logStream ?? pino.destination(1),
          ],
        }),
        DatabaseModule.forRoot(persistence(env.DATABASE_URL as string)),
        ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: 1000 }] }),
        AuditModule,
        IdentityModule,
        CouncilsModule,
        AuditApiModule,
        ProposalsModule,
        PollsModule,
        SessionsModule,
        ImplementationModule,
        RotationModule,
        PetitionsModule,
        HealthModule,
        LiveModule,
        DemoModule,
        FirstPaintModule,
        WebModule.forRoot(),
      ],
      providers: [
        {
          provide: APP_PIPE,
          useValue: new ApiValidationPipe(),
        },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        // after authentication: a malformed body is a 400 only for a caller who got past the 401
        { provide: APP_GUARD, useClass: DeferredBodyErrorGuard },
        // after authentication too: a NUL or a lone surrogate anywhere in the request is a 400 naming its field
        { provide: APP_GUARD, useClass: UnsafeTextGuard },
        { provide: APP_GUARD, useClass: UserThrottlerGuard },
      ],
    };
  }
}
