import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ServerResponse } from 'node:http';

/**
 * Paths that never answer the web app: the API, its reference, health, the
 * socket, and the build's assets (a missing asset is a 404, not index.html).
 */
export const NOT_THE_APP = ['/api/{*rest}', '/docs{*rest}', '/health{*rest}', '/socket.io/{*rest}', '/assets/{*rest}'];

/** The web app's build: WEB_DIST, else apps/web/dist from the working directory or from this file's checkout. */
export function webDist(): string | null {
  const candidates = [
    process.env.WEB_DIST,
    resolve(process.cwd(), 'apps/web/dist'),
    // apps/api/src/web (ts-node, jest) or dist/apps/api/src/web (the build)
    resolve(__dirname, '../../../web/dist'),
    resolve(__dirname, '../../../../../apps/web/dist'),
  ].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(join(p, 'index.html'))) ?? null;
}

@Module({})
export class WebModule {
  /**
   * Serves the built web app at the root; every other GET outside NOT_THE_APP
   * answers its index.html, so a deep link (/sessions/…/projector) loads the
   * app. Without a build (API-only tests) it serves nothing.
   */
  static forRoot(): DynamicModule {
    const root = webDist();
    if (!root) {
      new Logger('WebModule').log('no web app build (apps/web/dist): serving the API only');
      return { module: WebModule };
    }
    return {
      module: WebModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath: root,
          exclude: NOT_THE_APP,
          serveStaticOptions: {
            // Hashed assets never change; index.html is asked for again each time.
            setHeaders: (res: ServerResponse, path: string) => {
              res.setHeader('Cache-Control', path.includes(`${join('/', 'assets', '/')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
            },
          },
        }),
      ],
    };
  }
}
