import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, createSecretKey, KeyObject, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuthUser, Environment, unauthenticated } from '@kenes/common';
import { UserEntity } from './entities/user.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';

interface AccessClaims {
  sub: string;
  email: string;
  adm: boolean;
  typ: 'access';
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** The shape PostgreSQL's uuid type accepts; anything else would fail the lookup with a 400 instead of a 401. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const keys = new WeakMap<Environment, KeyObject>();

/** The HMAC key for access tokens, as a KeyObject (parsed once, not on every verification). */
export function jwtKey(env: Environment): KeyObject {
  let key = keys.get(env);
  if (!key) {
    key = createSecretKey(Buffer.from(env.JWT_SECRET as string, 'utf8'));
    keys.set(env, key);
  }
  return key;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Short-lived JWT access tokens and opaque rotating refresh tokens
 * (`<id>.<secret>`, of which only a SHA-256 of the secret is stored).
 */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly env: Environment,
    private readonly refreshTokens: RefreshTokensRepository,
  ) {}

  signAccess(user: Pick<UserEntity, 'id' | 'email' | 'isAdmin'>): string {
    const claims: AccessClaims = { sub: user.id, email: user.email, adm: user.isAdmin, typ: 'access' };
    return this.jwt.sign(claims, { expiresIn: this.env.JWT_ACCESS_TTL });
  }

  /** The caller an access token names; throws 401 for anything else. */
  verifyAccess(token: string): AuthUser {
    try {
      const claims = this.jwt.verify<AccessClaims>(token, { algorithms: ['HS256'] });
      return fromClaims(claims);
    } catch {
      throw unauthenticated('The access token is not valid or has expired.');
    }
  }

  async issue(em: EntityManager, user: UserEntity, familyId: string = randomUUID()): Promise<IssuedTokens> {
    const secret = randomBytes(32).toString('base64url');
    const row = await this.refreshTokens.insert(em, {
      userId: user.id,
      familyId,
      secretHash: sha256(secret),
      expiresAt: new Date(Date.now() + this.env.JWT_REFRESH_TTL * 1000),
      usedAt: null,
      revokedAt: null,
    });
    return { accessToken: this.signAccess(user), refreshToken: `${row.id}.${secret}`, tokenType: 'Bearer', expiresIn: this.env.JWT_ACCESS_TTL };
  }

  /** The stored token a presented refresh token designates, if its secret matches. */
  async find(presented: string) {
    const [id, secret, extra] = presented.split('.');
    if (!id || !secret || extra !== undefined || !UUID.test(id)) return null;
    const row = await this.refreshTokens.findById(id.toLowerCase());
    if (!row) return null;
    const a = Buffer.from(row.secretHash, 'hex');
    const b = Buffer.from(sha256(secret), 'hex');
    return a.length === b.length && timingSafeEqual(a, b) ? row : null;
  }
}

export function fromClaims(claims: Partial<AccessClaims>): AuthUser {
  if (claims.typ !== 'access' || typeof claims.sub !== 'string') throw unauthenticated('The access token is not valid.');
  return { id: claims.sub, email: String(claims.email ?? ''), isAdmin: claims.adm === true };
}
