import 'reflect-metadata';
import type { Server } from 'node:http';
import { ConfigurationError } from '@kenes/common';
import { createApp } from './app.factory';
import { prepareRuntime } from './runtime';

const say = (line: string) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: line })}\n`);

/** Where the server can be reached, as a URL; for every interface, which one too. */
function listeningAt(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '::') return `http://${host === '::' ? '[::]' : host}:${port} (every interface; on this machine http://localhost:${port})`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

async function main(): Promise<void> {
  const runtime = await prepareRuntime(process.env, say);
  const app = await createApp(runtime.env);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal}: shutting down`);
    await app.close().catch(() => undefined);
    await runtime.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen(runtime.env.PORT, runtime.env.HOST as string);
  // Idle keep-alive connections stay open longer than a proxy or client keeps them (nginx: 60 s), so that
  // no one sends a request on a connection Node is closing at that moment (an "other side closed" error).
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : runtime.env.PORT;
  say(`Kenes API listening on ${listeningAt(runtime.env.HOST as string, port)} (reference at /docs)${runtime.embedded ? ' on the embedded PostgreSQL' : ''}`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigurationError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Kenes failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
