import type { IncomingMessage } from 'node:http';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { isObservable } from 'rxjs';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions, Socket } from 'socket.io';

/**
 * socket.io with, when REDIS_URL is set, the Redis adapter: several API nodes
 * share rooms, so a client on one sees events caused on another. While Redis
 * is down events reach only local clients; the session's event log (afterSeq)
 * stays the source of truth.
 */
export class LiveIoAdapter extends IoAdapter {
  private readonly logger = new Logger(LiveIoAdapter.name);
  private adapterFactory?: ReturnType<typeof createAdapter>;
  private clients: ReturnType<typeof createClient>[] = [];

  /**
   * @param origins the browser origins CORS_ORIGINS allows besides the app's
   *   own (undefined: none); `*` allows any.
   */
  constructor(
    app: INestApplicationContext,
    private readonly redisUrl?: string,
    private readonly origins?: string[],
  ) {
    super(app);
  }

  async connect(): Promise<void> {
    if (!this.redisUrl) return;
    const pub = createClient({ url: this.redisUrl });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) c.on('error', (err: Error) => this.logger.warn(`redis: ${err.message}`));
    await Promise.all([pub.connect(), sub.connect()]);
    this.clients = [pub, sub];
    this.adapterFactory = createAdapter(pub, sub);
    this.logger.log('socket.io uses the Redis adapter');
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = this.origins;
    const server: Server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: 64 * 1024,
      // The same origins as the HTTP API: CORS headers for those CORS_ORIGINS names, and a browser page of any
      // other site is refused at the handshake (a websocket is not subject to CORS, so its Origin is checked here).
      cors: origins ? (origins.includes('*') ? { origin: '*' } : { origin: origins, credentials: true }) : false,
      allowRequest: (req: IncomingMessage, callback: (err: string | null | undefined, ok: boolean) => void) =>
        callback(null, originAllowed(req.headers.origin, req.headers.host, origins)),
    });
    if (this.adapterFactory) server.adapter(this.adapterFactory);
    return server;
  }

  /**
   * One plain listener per message and socket, where Nest's IoAdapter keeps a
   * standing rxjs pipeline (fromEvent, mergeMap, filter, map, takeUntil) for
   * each of the gateway's messages on every socket, about 20 of them: with a
   * hall of thousands of watchers those pipelines were most of the memory a
   * connection cost. The answer goes out as Nest's does: `{event, data}` is
   * emitted, anything else not null answers the acknowledgement; nothing is
   * sent to a socket that has gone.
   */
  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[]): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        // As rxjs's fromEvent hands them to Nest's adapter: a lone argument as itself, several as an array.
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        const reply = (response: unknown) => {
          if (response === null || response === undefined || !socket.connected) return;
          const r = response as { event?: string; data?: unknown };
          if (r.event) {
            socket.emit(r.event, r.data);
            return;
          }
          if (!isAckHandledManually && typeof ack === 'function') (ack as (x: unknown) => void)(response);
        };
        const failed = (err: unknown) => this.logger.warn(`${String(message)}: ${err instanceof Error ? err.message : String(err)}`);
        // What Nest's transform does (a handler may answer a value, a promise or an observable), without building
        // an observable for every message.
        Promise.resolve(callback(data, ack) as unknown)
          .then((result) => {
            if (isObservable(result)) result.subscribe({ next: reply, error: failed });
            else return Promise.resolve(result).then(reply);
          })
          .catch(failed);
      });
    }
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.map((c) => c.quit().catch(() => undefined)));
    this.clients = [];
  }
}

/** A handshake without Origin (not a browser), from the app's own origin, or from one CORS_ORIGINS names. */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: string[] | undefined): boolean {
  if (!origin) return true;
  if (allowed?.includes('*') || allowed?.includes(origin.replace(/\/+$/, ''))) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
