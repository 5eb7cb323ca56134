import { Injectable } from '@nestjs/common';
import { DomainError, unauthenticated } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { UserEntity } from './entities/user.entity';
import { LoginFailuresRepository } from './login-failures.repository';
import { PasswordService } from './password.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { IssuedTokens, TokensService } from './tokens.service';
import { UsersRepository } from './users.repository';
import { toUserDto } from './user.mapper';
import { TokenPairDto } from './dto/auth.dto';

/** Failed logins allowed per account within the window before 429. */
export const MAX_LOGIN_FAILURES = 10;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

/** Expired rows of login_failures deleted each time a new email appears in it (a bound, cheap by index). */
const PRUNE_PER_NEW_EMAIL = 100;

export const BAD_CREDENTIALS = 'The email or password is incorrect.';

@Injectable()
export class AuthService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly failures: LoginFailuresRepository,
    private readonly tokens: TokensService,
    private readonly refreshTokens: RefreshTokensRepository,
  ) {}

  /**
   * Checks credentials under a per-account limit: after MAX_LOGIN_FAILURES
   * failures within the window, the account answers 429 with Retry-After until
   * the oldest of them leaves the window. Unknown emails and wrong passwords
   * fail alike (same body, same work).
   *
   * The attempt is counted first, in one statement, and forgotten on success;
   * the password is checked afterwards, outside any transaction and holding
   * no connection, so a flood of logins waits for a hashing slot, never for
   * the pool.
   */
  async authenticate(rawEmail: string, password: string): Promise<UserEntity> {
    const email = rawEmail.trim().toLowerCase();
    const attempt = await this.countAttempt(email);
    // A new row is a new email: prune as many expired ones, so random emails cannot grow the table.
    if (attempt.created) await this.failures.prune(LOGIN_WINDOW_SECONDS, PRUNE_PER_NEW_EMAIL);
    const user = await this.users.findByEmail(email);
    if (!(await this.passwords.verify(user?.passwordHash ?? null, password)) || !user) throw unauthenticated(BAD_CREDENTIALS);
    await this.failures.clear(email);
    return user;
  }

  private async countAttempt(email: string): Promise<{ created: boolean }> {
    for (let tries = 0; ; tries++) {
      const attempt = await this.failures.count(email, MAX_LOGIN_FAILURES, LOGIN_WINDOW_SECONDS);
      if (attempt.counted) return attempt;
      const until = await this.failures.lockedUntil(email, MAX_LOGIN_FAILURES, LOGIN_WINDOW_SECONDS);
      // null: a success cleared the failures in between; count again.
      if (until || tries >= 2) {
        const retryAfter = until ? Math.max(1, Math.ceil((new Date(until).getTime() - Date.now()) / 1000)) : 1;
        throw new DomainError('rate_limited', 'LOGIN_RATE_LIMITED', 'Too many failed logins for this account; try again later.', { retryAfter }, undefined, {
          'Retry-After': String(retryAfter),
        });
      }
    }
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
      // One refresh of a family at a time: the loser of a race then revokes the family without deadlocking the winner.
      await this.refreshTokens.lockFamily(tx.em, row.familyId);
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
      // Once committed, the user's live connections drop (the gateway subscribes).
      await tx.publish('user.tokens_revoked', { userId: row.userId, familyId: row.familyId });
      return { kind: 'reused' as const };
    });
    if (result.kind === 'ok') return this.withUser(result.issued, result.user);
    if (result.kind === 'reused') {
      throw unauthenticated('The refresh token was already used; every token of its session has been revoked.');
    }
    if (result.kind === 'expired') throw unauthenticated('The refresh token has expired.');
    throw unauthenticated('The account no longer exists.');
  }

  /**
   * Ends the sign-in a refresh token belongs to: its whole family is revoked.
   * The user's live connections stay (they are the user's, on every device,
   * not this sign-in's; the tab signing out closes its own). A token that was
   * already used is a copy someone kept: that is audited as refresh() audits
   * it (auth.refresh_reused), not as a sign-out.
   */
  async logout(presented: string): Promise<void> {
    const row = await this.tokens.find(presented);
    if (!row || row.revokedAt !== null) return;
    await this.uow.run(async (tx) => {
      const revoked = await this.refreshTokens.revokeFamily(tx.em, row.familyId);
      const action = row.usedAt !== null ? 'auth.refresh_reused' : 'auth.logout';
      await tx.audit({ councilId: null, actorUserId: row.userId, action, objectType: 'user', objectId: row.userId, details: { familyId: row.familyId, revoked } });
    });
  }

  private withUser(issued: IssuedTokens, user: UserEntity): TokenPairDto {
    return { ...issued, user: toUserDto(user) };
  }
}
