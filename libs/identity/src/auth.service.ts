import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, unauthenticated } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit/unit-of-work';
import { UserEntity } from './entities/user.entity';
import { LoginFailuresRepository } from './login-failures.repository';
import { PasswordService } from './password.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { Revocations } from './revocations';
import { IssuedTokens, TokensService } from './tokens.service';
import { UsersRepository } from './users.repository';
import { toUserDto } from './user.mapper';
import { TokenPairDto } from './dto/auth.dto';

/** Failed logins allowed per account within the window before 429. */
export const MAX_LOGIN_FAILURES = 10;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

export const BAD_CREDENTIALS = 'The email or password is incorrect.';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly failures: LoginFailuresRepository,
    private readonly tokens: TokensService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly revocations: Revocations,
  ) {}

  /**
   * Checks credentials under a per-account limit: after MAX_LOGIN_FAILURES
   * failures within the window, the account answers 429 with Retry-After until
   * the oldest of them leaves the window. Unknown emails and wrong passwords
   * fail alike (same body, same work).
   */
  async authenticate(rawEmail: string, password: string): Promise<UserEntity> {
    const email = rawEmail.trim().toLowerCase();
    const outcome = await this.dataSource.transaction(async (em) => {
      await this.failures.lockEmail(em, email);
      const until = await this.failures.lockedUntil(em, email, MAX_LOGIN_FAILURES, LOGIN_WINDOW_SECONDS);
      if (until) return { kind: 'locked' as const, until };
      const user = await this.users.findByEmail(email, em);
      if (!(await this.passwords.verify(user?.passwordHash ?? null, password)) || !user) {
        await this.failures.record(em, email, LOGIN_WINDOW_SECONDS);
        return { kind: 'failed' as const };
      }
      await this.failures.clear(em, email);
      return { kind: 'ok' as const, user };
    });
    if (outcome.kind === 'locked') {
      const retryAfter = Math.max(1, Math.ceil((new Date(outcome.until).getTime() - Date.now()) / 1000));
      throw new DomainError('rate_limited', 'LOGIN_RATE_LIMITED', 'Too many failed logins for this account; try again later.', { retryAfter }, undefined, {
        'Retry-After': String(retryAfter),
      });
    }
    if (outcome.kind === 'failed') throw unauthenticated(BAD_CREDENTIALS);
    return outcome.user;
  }

  async login(user: UserEntity): Promise<TokenPairDto> {
    const issued = await this.uow.run(async (tx) => {
      const t = await this.tokens.issue(tx.em, user);
      await tx.audit({ councilId: null, actorUserId: user.id, action: 'auth.login', objectType: 'user', objectId: user.id });
      return t;
    });
    return this.withUser(issued, user);
  }

  /**
   * Rotates a refresh token: it works once. Presenting one that was already
   * used (or revoked) is taken as theft and revokes its whole family.
   */
  async refresh(presented: string): Promise<TokenPairDto> {
    const row = await this.tokens.find(presented);
    if (!row) throw unauthenticated('The refresh token is not valid.');
    const result = await this.uow.run(async (tx) => {
      if (await this.refreshTokens.consume(tx.em, row.id)) {
        const user = await this.users.findById(row.userId);
        if (!user) return { kind: 'gone' as const };
        const issued = await this.tokens.issue(tx.em, user, row.familyId);
        await tx.audit({ councilId: null, actorUserId: user.id, action: 'auth.refreshed', objectType: 'user', objectId: user.id });
        return { kind: 'ok' as const, issued, user };
      }
      if (row.usedAt === null && row.revokedAt === null && row.expiresAt.getTime() <= Date.now()) return { kind: 'expired' as const };
      const revoked = await this.refreshTokens.revokeFamily(tx.em, row.familyId);
      await tx.audit({
        councilId: null,
        actorUserId: row.userId,
        action: 'auth.refresh_reused',
        objectType: 'user',
        objectId: row.userId,
        details: { familyId: row.familyId, revoked },
      });
      return { kind: 'reused' as const };
    });
    if (result.kind === 'ok') return this.withUser(result.issued, result.user);
    if (result.kind === 'reused') {
      this.revocations.revoked(row.userId);
      throw unauthenticated('The refresh token was already used; every token of its session has been revoked.');
    }
    if (result.kind === 'expired') throw unauthenticated('The refresh token has expired.');
    throw unauthenticated('The account no longer exists.');
  }

  private withUser(issued: IssuedTokens, user: UserEntity): TokenPairDto {
    return { ...issued, user: toUserDto(user) };
  }
}
