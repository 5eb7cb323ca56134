import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import request from 'supertest';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '@kenes/common';
import { createApp } from '../../apps/api/src/app.factory';
import { buildOpenApi } from '../../apps/api/src/docs/openapi';
import { OpenApiConformance, OpenApiDocument } from './openapi-conformance';
import { createTestDatabase } from '../setup/test-database';

export const TEST_ADMIN = { email: 'admin@kenes.test', password: 'test-admin-password' };

export interface TestApp {
  app: INestApplication;
  /** supertest against the running server. */
  http: () => ReturnType<typeof request>;
  /** http://127.0.0.1:<port> */
  url: string;
  db: DataSource;
  /** The environment it was started with (a second node reuses it). */
  env: Record<string, string>;
  close: () => Promise<void>;
}

/** The real application on a database of this test file's own, listening on a free port. */
export async function startTestApp(overrides: Record<string, string> = {}, options: { logStream?: DestinationStream } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const raw = {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    BALLOT_KEY: randomBytes(32).toString('base64url'),
    AUDIT_SIGNING_KEY: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    ...overrides,
  };
  return listen(raw, () => database.drop(), options);
}

/** Another API node on the same database, secret and settings (several nodes behind one address). */
export function startSecondNode(first: TestApp, overrides: Record<string, string> = {}): Promise<TestApp> {
  return listen({ ...first.env, ...overrides }, async () => undefined);
}

async function listen(raw: Record<string, string>, drop: () => Promise<void>, options: { logStream?: DestinationStream } = {}): Promise<TestApp> {
  const env = validateEnvironment(raw);
  const app = await createApp(env, options);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const server = app.getHttpServer();
  const conformance = new OpenApiConformance(buildOpenApi(app) as unknown as OpenApiDocument);
  return {
    app,
    http: () => conforming(request(server), conformance),
    url,
    db: app.get(DataSource),
    env: raw,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** supertest whose every response is checked against the served OpenAPI document (a mismatch fails the request). */
function conforming(agent: ReturnType<typeof request>, conformance: OpenApiConformance): ReturnType<typeof request> {
  return new Proxy(agent, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || !(METHODS as readonly string[]).includes(prop) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const test = (value as (...a: unknown[]) => request.Test).apply(target, args);
        const sent = test as unknown as { method: string; url: string; header: Record<string, string> };
        return test.expect((res) => {
          const hadToken = Object.keys(sent.header ?? {}).some((h) => h.toLowerCase() === 'authorization');
          const problems = conformance.check(sent.method, sent.url, res, hadToken);
          if (problems.length && process.env.KENES_OPENAPI_REPORT) {
            appendFileSync(process.env.KENES_OPENAPI_REPORT, problems.map((p) => `${p}\n`).join(''));
            return;
          }
          if (problems.length) throw new Error(`The response differs from the OpenAPI document:\n${problems.join('\n')}`);
        });
      };
    },
  });
}
