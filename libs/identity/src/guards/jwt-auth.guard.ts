import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthUser, IS_PUBLIC, unauthenticated } from '@kenes/common';
import { TokensService } from '../tokens.service';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Deny by default: every route needs a valid access token unless it is
 * marked @Public(). On a public route a valid token still identifies the
 * caller; a missing or bad one leaves it anonymous.
 *
 * Verification goes straight through TokensService (this app's own key)
 * rather than a process-wide passport strategy, so two app instances in one
 * process (tests of several nodes) never check tokens with each other's key.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    const header = req.headers.authorization;
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    if (!token) {
      if (isPublic) return true;
      throw unauthenticated('A valid access token is required (Authorization: Bearer <token>).');
    }
    try {
      req.user = this.tokens.verifyAccess(token);
    } catch (err) {
      if (!isPublic) throw err;
    }
    return true;
  }
}
