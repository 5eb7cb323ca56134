import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Namespace, Socket } from 'socket.io';
import { AuthUser, problem, unauthenticated } from '@kenes/common';
import { Revocations } from '@kenes/identity/revocations';
import { TokensService } from '@kenes/identity/tokens.service';
import { BallotsService } from '@kenes/polls/ballots.service';
import { PollsService } from '@kenes/polls/polls.service';
import { PRESENCE_GRACE_MS, SessionCommandsService } from '@kenes/sessions/session-commands.service';
import { SessionsRepository } from '@kenes/sessions/sessions.repository';
import { SessionEvent, SessionEventsService } from '@kenes/sessions/session-events.service';
import { SessionsService } from '@kenes/sessions/sessions.service';
import { LiveTallies } from './live-tallies';
import { acknowledge, parsePayload } from './live-payload';
import { AgendaOpenPayload, BallotPayload, FloorGrantPayload, FloorRequestPayload, JoinPayload, PollRef, SessionRef } from './live-payloads';
import { LiveSocketData } from './live.types';

export class AuthRefreshPayload {
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  token: string;
}

type LiveSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, LiveSocketData>;

/** When a verified access token runs out, in ms since the epoch (null if it has no `exp`). */
function expiryOf(token: string): number | null {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * The `/live` namespace. The handshake's `auth.token` is checked once, here,
 * because guards do not run on a socket.io connection: a bad token refuses the
 * connection (connect_error with a 401 problem in `data`), no token makes an
 * anonymous watcher. Commands answer through their acknowledgement.
 */
@WebSocketGateway({ namespace: '/live', cors: { origin: true, credentials: true } })
export class LiveGateway implements OnGatewayInit, OnApplicationShutdown {
  private readonly logger = new Logger(LiveGateway.name);

  @WebSocketServer() namespace: Namespace;

  constructor(
    private readonly tokens: TokensService,
    private readonly sessions: SessionsService,
    private readonly commands: SessionCommandsService,
    private readonly events: SessionEventsService,
    private readonly polls: PollsService,
    private readonly tallies: LiveTallies,
    private readonly sessionsRepo: SessionsRepository,
    private readonly revocations: Revocations,
    private readonly ballots: BallotsService,
  ) {}

  static room(sessionId: string): string {
    return `session:${sessionId}`;
  }

  /** Every committed session event goes to the session's room (through the Redis adapter with several nodes). */
  private broadcast(event: SessionEvent): void {
    this.namespace.to(LiveGateway.room(event.sessionId)).emit('session.event', event);
  }

  private presenceTimer?: NodeJS.Timeout;

  onApplicationShutdown(): void {
    this.tallies.stop();
    if (this.presenceTimer) clearInterval(this.presenceTimer);
  }

  /**
   * Presence: this node renews the lease of every checked-in member with a
   * connection here, a third of the grace period at a time. A member with
   * two tabs counts once; one whose connections all dropped lapses after
   * the grace period (the attendance sweep announces it); a crashed node's
   * members lapse the same way.
   */
  private async renewPresence(): Promise<void> {
    const bySession = new Map<string, Set<string>>();
    for (const socket of this.namespace.sockets.values()) {
      const user = (socket.data as LiveSocketData).user;
      if (!user) continue;
      for (const room of socket.rooms) {
        if (!room.startsWith('session:')) continue;
        const id = room.slice('session:'.length);
        if (!bySession.has(id)) bySession.set(id, new Set());
        bySession.get(id)!.add(user.id);
      }
    }
    for (const [sessionId, users] of bySession) await this.sessionsRepo.renewPresence(sessionId, [...users], PRESENCE_GRACE_MS);
  }

  afterInit(namespace: Namespace): void {
    // A revoked user loses every live connection, on every node (fetchSockets goes through the adapter).
    this.revocations.onRevoked((userId) => {
      void this.namespace
        .fetchSockets()
        .then((sockets) => {
          for (const s of sockets) if ((s.data as LiveSocketData).user?.id === userId) s.disconnect(true);
        })
        .catch((e: unknown) => this.logger.warn(`revocation: ${String(e)}`));
    });
    this.presenceTimer = setInterval(() => void this.renewPresence().catch((e: unknown) => this.logger.warn(`presence: ${String(e)}`)), Math.max(100, PRESENCE_GRACE_MS / 3));
    this.presenceTimer.unref();
    this.events.onEvent((e) => this.broadcast(e));
    this.polls.onChange((e) => {
      if (e.type === 'ballot' && e.sessionId) this.tallies.touch(e.pollId);
      if (e.type === 'closed' && e.sessionId) this.tallies.forget(e.pollId);
    });
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const data = socket.data as LiveSocketData;
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
  @SubscribeMessage('auth.refresh')
  refresh(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return acknowledge(async () => {
      const { token } = await parsePayload(AuthRefreshPayload, payload);
      const user = this.tokens.verifyAccess(token);
      if (socket.data.user && socket.data.user.id !== user.id) throw unauthenticated('The token names another user.');
      socket.data.user = user;
      socket.data.tokenExpiresAt = expiryOf(token);
      return { user: { id: user.id } };
    });
  }

  /** Join a session's room: the snapshot, and the events after `afterSeq` (a reconnecting client catches up). */
  @SubscribeMessage('session.join')
  join(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return acknowledge(async () => {
      const p = await parsePayload(JoinPayload, payload);
      const user = socket.data.user ? LiveGateway.requireUser(socket) : null;
      const snapshot = await this.sessions.snapshot(user, p.sessionId);
      await socket.join(LiveGateway.room(p.sessionId));
      // Read after joining the room: without afterSeq, the events committed between the snapshot and the join
      // (which the room did not deliver) come here, so the client never starts with a gap.
      const after = p.afterSeq ?? snapshot.lastSeq;
      const events = (await this.sessions.eventsAfter(user, p.sessionId, { after, limit: 10_000 })).items;
      return { snapshot, events };
    });
  }

  private state(socket: LiveSocket, payload: unknown, command: 'start' | 'pause' | 'resume' | 'close') {
    return acknowledge(async () => {
      const user = LiveGateway.requireUser(socket); // 401 before 400
      const p = await parsePayload(SessionRef, payload);
      return this.commands.changeState(user, p.sessionId, command);
    });
  }

  @SubscribeMessage('session.start')
  start(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.state(socket, payload, 'start');
  }

  @SubscribeMessage('session.pause')
  pause(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.state(socket, payload, 'pause');
  }

  @SubscribeMessage('session.resume')
  resume(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.state(socket, payload, 'resume');
  }

  @SubscribeMessage('session.close')
  close(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.state(socket, payload, 'close');
  }

  @SubscribeMessage('agenda.open')
  openItem(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return acknowledge(async () => {
      const user = LiveGateway.requireUser(socket); // 401 before 400
      const p = await parsePayload(AgendaOpenPayload, payload);
      return { item: await this.commands.openItem(user, p.sessionId, p.itemId) };
    });
  }

  @SubscribeMessage('floor.request')
  requestFloor(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return acknowledge(async () => {
      const user = LiveGateway.requireUser(socket); // 401 before 400
      const p = await parsePayload(FloorRequestPayload, payload);
      return this.commands.requestFloor(user, p.sessionId, p.kind);
    });
  }

  @SubscribeMessage('floor.withdraw')
  withdrawFloor(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return acknowledge(async () => {
      const user = LiveGateway.requireUser(socket); // 401 before 400
      const p = await parsePayload(SessionRef, payload);
      return this.commands.withdrawFloor(user, p.sessionId);
    });
  }

  @SubscribeMessage('floor.grant')
  grantFloor(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return acknowledge(async () => {
      const user = LiveGateway.requireUser(socket); // 401 before 400
      const p = await parsePayload(FloorGrantPayload, payload);
      return this.commands.grantFloor(user, p.sessionId, p.membershipId, p.seconds);
    });
  }

  @SubscribeMessage('floor.end')
  endFloor(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return acknowledge(async () => {
      const user = LiveGateway.requireUser(socket); // 401 before 400
      const p = await parsePayload(SessionRef, payload);
      return this.commands.endFloor(user, p.sessionId);
    });
  }

  @SubscribeMessage('attendance.checkIn')
  checkIn(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return acknowledge(async () => {
      const user = LiveGateway.requireUser(socket); // 401 before 400
      const p = await parsePayload(SessionRef, payload);
      return this.commands.checkIn(user, p.sessionId);
    });
  }

  @SubscribeMessage('poll.open')
  openPoll(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return acknowledge(async () => {
      const user = LiveGateway.requireUser(socket); // 401 before 400
      const p = await parsePayload(PollRef, payload);
      return { poll: await this.polls.open(user, p.pollId) };
    });
  }

  @SubscribeMessage('poll.close')
  closePoll(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return acknowledge(async () => {
      const user = LiveGateway.requireUser(socket); // 401 before 400
      const p = await parsePayload(PollRef, payload);
      return { poll: await this.polls.close(user, p.pollId) };
    });
  }

  @SubscribeMessage('ballot.cast')
  cast(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return acknowledge(async () => {
      const user = LiveGateway.requireUser(socket); // 401 before 400
      const p = await parsePayload(BallotPayload, payload);
      return this.ballots.cast(user, p.pollId, { choice: p.choice }, p.idempotencyKey ?? null);
    });
  }
}
