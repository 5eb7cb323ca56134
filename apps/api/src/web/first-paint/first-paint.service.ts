import { Inject, Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { AuthUser, DomainError } from '@kenes/common';
import { Lang, pickLanguage } from '@kenes/core';
import { cookieOf, pageCookieOf, TokensService } from '@kenes/identity';
import { CommentsService, ProposalsService } from '@kenes/proposals';
import { FIRST_COMMENTS, proposalFirstPaint } from './proposal-first-paint';

/**
 * First paints one reader gets a minute, counted where the API counts its
 * requests (the throttler's storage, under a key of its own): the page shell
 * runs before Nest's guards, so the API's limit does not see it. Past it the
 * page is served as for everyone.
 */
const PER_MINUTE = 300;

/** The page's language for the server: `?lang=`, else the app's kept choice (the kenes_lang cookie), else Accept-Language, else English. */
export function firstPaintLanguage(query: unknown, cookieHeader: string | undefined, acceptLanguage: string | undefined): Lang {
  const kept = cookieOf(cookieHeader, 'kenes_lang') ?? undefined;
  return pickLanguage(typeof query === 'string' && query ? query : kept, acceptLanguage);
}

/**
 * Reads a proposal as the reader of a page load may read it, and writes its
 * first paint (proposal-first-paint.ts). The reader is the one the page
 * cookie names (libs/identity/src/page-cookie.ts); the reads are the API's
 * own services with the API's own rules, so the page shows exactly what
 * GET /proposals/:id and its comments would show that reader. Anything else
 * (no cookie, a token run out, a proposal they may not read, a failure)
 * answers null: the page is then served as for everyone, and the app reads
 * (and explains) for itself.
 */
@Injectable()
export class ProposalFirstPaintService {
  private readonly log = new Logger(ProposalFirstPaintService.name);

  constructor(
    private readonly tokens: TokensService,
    private readonly proposals: ProposalsService,
    private readonly comments: CommentsService,
    @Inject(ThrottlerStorage) private readonly throttle: ThrottlerStorage,
  ) {}

  async render(proposalId: string, cookieHeader: string | undefined, lang: Lang): Promise<string | null> {
    const token = pageCookieOf(cookieHeader);
    if (!token) return null;
    let user: AuthUser;
    try {
      user = this.tokens.verifyAccess(token);
    } catch {
      return null;
    }
    try {
      const { isBlocked } = await this.throttle.increment(`first-paint:${user.id}`, 60_000, PER_MINUTE, 60_000, 'first-paint');
      if (isBlocked) return null;
      const [proposal, comments] = await Promise.all([this.proposals.get(user, proposalId), this.comments.firstOf(user, proposalId, FIRST_COMMENTS)]);
      return proposalFirstPaint(proposal, comments, lang);
    } catch (err) {
      // What the API would refuse (404, 403) is the app's to explain; anything else is logged, and the page served without it.
      if (!(err instanceof DomainError)) this.log.warn(`first paint of proposal ${proposalId}: ${(err as Error).message}`);
      return null;
    }
  }
}
