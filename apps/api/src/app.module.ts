import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AuditApiModule } from '@kenes/audit/audit-api.module';
import { AuditModule } from '@kenes/audit/audit.module';
import { ConfigModule, Environment, ProblemFilter, validationExceptionFactory } from '@kenes/common';
import { CouncilsModule } from '@kenes/councils/councils.module';
import { DatabaseModule } from '@kenes/database';
import { IdentityModule } from '@kenes/identity/identity.module';
import { JwtAuthGuard } from '@kenes/identity/guards/jwt-auth.guard';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { persistence } from './persistence';
import { UserThrottlerGuard } from './user-throttler.guard';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The deployable: composes the domain libraries; holds no rules of its own. */
@Module({})
export class AppModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggerModule.forRoot({
          pinoHttp: {
            level: env.LOG_LEVEL,
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
          },
        }),
        DatabaseModule.forRoot(persistence(env.DATABASE_URL as string)),
        ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: 1000 }] }),
        AuditModule,
        IdentityModule,
        CouncilsModule,
        AuditApiModule,
        HealthModule,
        LiveModule,
        DemoModule,
      ],
      providers: [
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
            exceptionFactory: validationExceptionFactory,
          }),
        },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: UserThrottlerGuard },
      ],
    };
  }
}
