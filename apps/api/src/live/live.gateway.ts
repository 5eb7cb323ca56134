import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Namespace } from 'socket.io';
import { LIVE_COMMANDS, LIVE_NAMESPACE, LIVE_NOTICES, SESSION_EVENT } from '@kenes/contracts';
import { DomainEvents } from '@kenes/audit';
import { AuthUser, findUnsafeText, invalid, problem, unauthenticated } from '@kenes/common';
import { pickLanguage } from '@kenes/core';
import { TokensService } from '@kenes/identity';
import { BallotsService, PollsService } from '@kenes/polls';
import { SessionCommandsService, SessionJoinsService } from '@kenes/sessions';
import { SocketLimiter } from './live-limits';
import { acknowledge, parsePayload } from './live-payload';
import { AgendaOpenPayload, BallotPayload, FloorGrantPayload, FloorRequestPayload, JoinPayload, PollRef, SessionRef } from './live-payloads';
import { LiveServerEvents, LiveSocketData } from './live.types';
import { expiryOf, LiveSend, LiveSocket, LiveUpkeep, roomOf } from './live-upkeep';

export class AuthRefreshPayload {
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  token: string;
}

/** At most this many events come with a `session.join` ack; `more: true` says the client asks again from the last one. */
export const JOIN_EVENTS_LIMIT = 500;

/**
 * The `/live` namespace. The handshake's `auth.token` is checked once, here,
 * because guards do not run on a socket.io connection: a bad token refuses the
 * connection (connect_error with a 401 problem in `data`), no token makes an
 * anonymous watcher. Commands answer through their acknowledgement.
 */
// CORS and the handshake's Origin follow CORS_ORIGINS (LiveIoAdapter).
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(LiveGateway.name);

  @WebSocketServer() namespace: Namespace;

  constructor(
    private readonly tokens: TokensService,
    private readonly joins: SessionJoinsService,
    private readonly commands: SessionCommandsService,
    private readonly polls: PollsService,
    private readonly domainEvents: DomainEvents,
    private readonly ballots: BallotsService,
    private readonly upkeep: LiveUpkeep,
  ) {}

  static room(sessionId: string): string {
    return roomOf(sessionId);
  }

  /**
   * The gateway's one way out, typed by LiveServerEvents: to one socket, to
   * a room on every node (through the Redis adapter with several nodes), or
   * to this node's sockets of a room (`local`).
   */
  private send<K extends keyof LiveServerEvents>(to: LiveSocket | { room: string; local?: boolean }, name: K, ...args: Parameters<LiveServerEvents[K]>): void {
    if ('room' in to) {
      const target = to.local ? this.namespace.local.to(to.room) : this.namespace.to(to.room);
      target.emit(name, ...args);
    } else {
      to.emit(name, ...args);
    }
  }

  afterInit(namespace: Namespace): void {
    // A revoked user loses every live connection, on every node (fetchSockets goes through the adapter).
    this.domainEvents.committed('user.tokens_revoked', ({ userId }) => {
      void this.namespace
        .fetchSockets()
        .then((sockets) => {
          for (const s of sockets) if ((s.data as LiveSocketData).user?.id === userId) s.disconnect(true);
        })
        .catch((e: unknown) => this.logger.warn(`revocation: ${String(e)}`));
    });
    this.upkeep.start(namespace, this.send.bind(this) as LiveSend);
    // Every committed entry of a sitting's log goes to the sitting's room, in seq order.
    this.domainEvents.committed('session.logged', (e) => this.send({ room: LiveGateway.room(e.sessionId) }, SESSION_EVENT, e));
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const data = socket.data as LiveSocketData;
      const lang = (socket.handshake.auth as { lang?: unknown } | undefined)?.lang;
      data.lang = pickLanguage(typeof lang === 'string' ? lang : undefined, socket.handshake.headers['accept-language']);
      if (token === undefined || token === null || token === '') {
        data.user = null;
        data.tokenExpiresAt = null;
        return next();
      }
      try {
        if (typeof token !== 'string') throw unauthenticated('The handshake token must be a string.');
        data.user = this.tokens.verifyAccess(token);
        data.tokenExpiresAt = expiryOf(token);
        next();
      } catch {
        const err = new Error('unauthorized') as Error & { data: unknown };
        err.data = problem(401, 'UNAUTHENTICATED', 'The access token is not valid or has expired.');
        next(err);
      }
    });
    this.logger.log('live gateway ready on /live');
  }

  /**
   * Every message a socket sends (commands, joins, auth.refresh, and names
   * nobody listens to) takes a token from the socket's bucket before any
   * work is done; an empty bucket answers 429 with `retryAfter` (seconds)
   * and `retryAfterMs`. A socket that goes on sending after its refusals is
   * told why (`live.closed`) and disconnected.
   */
  handleConnection(socket: LiveSocket): void {
    const limiter = new SocketLimiter(this.upkeep.limits, Date.now());
    socket.use((packet, next) => {
      const verdict = limiter.take(Date.now());
      if (verdict.retryAfterMs === 0) return next();
      const error = problem(429, 'RATE_LIMITED', 'Too many messages on this connection; slow down and retry later.', {
        retryAfter: Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)),
        retryAfterMs: verdict.retryAfterMs,
      });
      const callback = packet[packet.length - 1];
      if (typeof callback === 'function') (callback as (a: unknown) => void)({ ok: false, error });
      if (verdict.flooding && socket.connected) {
        this.send(socket, LIVE_NOTICES.closed, { reason: 'rate_limited', error });
        socket.disconnect(true);
      }
    });
    this.upkeep.armExpiry(socket);
    socket.on('disconnect', () => {
      if (socket.data.expiryTimer) clearTimeout(socket.data.expiryTimer);
      socket.data.expiryTimer = undefined;
    });
  }

  /**
   * One command: the caller (401 before anything is read), then text that
   * PostgreSQL cannot store or nobody typed (400 naming the field), then
   * the payload's shape (400), then the work.
   */
  private command<D extends object, T extends object>(
    socket: LiveSocket,
    payload: unknown,
    dto: new () => D,
    auth: 'user' | 'optional' | 'none',
    work: (user: AuthUser | null, p: D) => Promise<T>,
  ) {
    return acknowledge(async () => {
      const user = auth === 'user' || (auth === 'optional' && socket.data.user) ? LiveGateway.requireUser(socket) : null;
      const unsafe = findUnsafeText(payload);
      if (unsafe) throw invalid([unsafe.field === 'body' ? { ...unsafe, field: 'payload' } : unsafe], 'The payload carries text that cannot be stored.');
      return work(user, await parsePayload(dto, payload));
    });
  }

  /** A command that needs a user. */
  private userCommand<D extends object, T extends object>(socket: LiveSocket, payload: unknown, dto: new () => D, work: (user: AuthUser, p: D) => Promise<T>) {
    return this.command(socket, payload, dto, 'user', (user, p) => work(user as AuthUser, p));
  }

  /**
   * The caller of a command that needs a token; 401 for anonymous sockets and
   * once the socket's access token has run out (a connection does not outlive
   * its token: `auth.refresh` renews it).
   */
  static requireUser(socket: LiveSocket): AuthUser {
    const { user, tokenExpiresAt } = socket.data;
    if (!user) throw unauthenticated('This command needs an access token (handshake auth.token).');
    if (tokenExpiresAt !== null && tokenExpiresAt !== undefined && Date.now() >= tokenExpiresAt) {
      throw unauthenticated('The access token has expired; send auth.refresh with a fresh one.');
    }
    return user;
  }

  /**
   * Swaps the connection's access token for a fresh one without reconnecting,
   * so a long sitting keeps its place when the token expires. The new token
   * must name the same user (an anonymous socket may log in this way).
   */
  @SubscribeMessage(LIVE_COMMANDS.authRefresh)
  refresh(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.command(socket, payload, AuthRefreshPayload, 'none', async (_none, { token }) => {
      const user = this.tokens.verifyAccess(token);
      if (socket.data.user && socket.data.user.id !== user.id) throw unauthenticated('The token names another user.');
      socket.data.user = user;
      socket.data.tokenExpiresAt = expiryOf(token);
      this.upkeep.armExpiry(socket);
      return { user: { id: user.id } };
    });
  }

  /**
   * Join a session's room: the snapshot, and the events after `afterSeq` (a
   * reconnecting client catches up), at most JOIN_EVENTS_LIMIT of them:
   * `more: true` says there are more, and the client joins again (or reads
   * GET /sessions/:id/events) from the last seq it got; the snapshot's
   * `lastSeq` is where the log ended when it was taken. The joiners of one
   * moment, on one socket or many, share their reads (SessionJoinsService).
   */
  @SubscribeMessage(LIVE_COMMANDS.join)
  join(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.command(socket, payload, JoinPayload, 'optional', async (user, p) => {
      // The snapshot (after the access check), then the room.
      const snapshot = await this.joins.snapshot(user, p.sessionId);
      await socket.join(LiveGateway.room(p.sessionId));
      // Read after joining the room: without afterSeq, the events committed between the snapshot and the join
      // (which the room did not deliver) come here, so the client never starts with a gap.
      const after = p.afterSeq ?? snapshot.lastSeq;
      const rows = await this.joins.eventsAfter(p.sessionId, after, JOIN_EVENTS_LIMIT + 1);
      const more = rows.length > JOIN_EVENTS_LIMIT;
      return { snapshot, events: more ? rows.slice(0, JOIN_EVENTS_LIMIT) : rows, more };
    });
  }

  private state(socket: LiveSocket, payload: unknown, command: 'start' | 'pause' | 'resume' | 'close') {
    return this.userCommand(socket, payload, SessionRef, async (user, p) => {
      return this.commands.changeState(user, p.sessionId, command);
    });
  }

  @SubscribeMessage(LIVE_COMMANDS.start)
  start(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.state(socket, payload, 'start');
  }

  @SubscribeMessage(LIVE_COMMANDS.pause)
  pause(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.state(socket, payload, 'pause');
  }

  @SubscribeMessage(LIVE_COMMANDS.resume)
  resume(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.state(socket, payload, 'resume');
  }

  @SubscribeMessage(LIVE_COMMANDS.close)
  close(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.state(socket, payload, 'close');
  }

  @SubscribeMessage(LIVE_COMMANDS.agendaOpen)
  openItem(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.userCommand(socket, payload, AgendaOpenPayload, async (user, p) => {
      return { item: await this.commands.openItem(user, p.sessionId, p.itemId) };
    });
  }

  @SubscribeMessage(LIVE_COMMANDS.floorRequest)
  requestFloor(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.userCommand(socket, payload, FloorRequestPayload, async (user, p) => {
      return this.commands.requestFloor(user, p.sessionId, p.kind);
    });
  }

  @SubscribeMessage(LIVE_COMMANDS.floorWithdraw)
  withdrawFloor(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.userCommand(socket, payload, SessionRef, async (user, p) => {
      return this.commands.withdrawFloor(user, p.sessionId);
    });
  }

  @SubscribeMessage(LIVE_COMMANDS.floorGrant)
  grantFloor(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.userCommand(socket, payload, FloorGrantPayload, async (user, p) => {
      return this.commands.grantFloor(user, p.sessionId, p.membershipId, p.seconds);
    });
  }

  @SubscribeMessage(LIVE_COMMANDS.floorEnd)
  endFloor(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.userCommand(socket, payload, SessionRef, async (user, p) => {
      return this.commands.endFloor(user, p.sessionId);
    });
  }

  @SubscribeMessage(LIVE_COMMANDS.checkIn)
  checkIn(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.userCommand(socket, payload, SessionRef, async (user, p) => {
      return this.commands.checkIn(user, p.sessionId);
    });
  }

  @SubscribeMessage(LIVE_COMMANDS.pollOpen)
  openPoll(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.userCommand(socket, payload, PollRef, async (user, p) => {
      return { poll: await this.polls.open(user, p.pollId, (socket.data as LiveSocketData).lang) };
    });
  }

  @SubscribeMessage(LIVE_COMMANDS.pollClose)
  closePoll(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.userCommand(socket, payload, PollRef, async (user, p) => {
      return { poll: await this.polls.close(user, p.pollId, (socket.data as LiveSocketData).lang) };
    });
  }

  @SubscribeMessage(LIVE_COMMANDS.ballotCast)
  cast(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.userCommand(socket, payload, BallotPayload, async (user, p) => {
      return this.ballots.cast(user, p.pollId, { choice: p.choice, reason: p.reason ?? null, onBehalfOf: p.onBehalfOf }, p.idempotencyKey ?? null);
    });
  }
}
