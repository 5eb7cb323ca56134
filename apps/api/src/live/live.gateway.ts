import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Namespace, Socket } from 'socket.io';
import { AuthUser, problem, unauthenticated } from '@kenes/common';
import { TokensService } from '@kenes/identity/tokens.service';
import { acknowledge, parsePayload } from './live-payload';
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
export class LiveGateway implements OnGatewayInit {
  private readonly logger = new Logger(LiveGateway.name);

  @WebSocketServer() namespace: Namespace;

  constructor(private readonly tokens: TokensService) {}

  afterInit(namespace: Namespace): void {
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
}
