import { Injectable, Logger } from '@nestjs/common';
import { AuthUser, DomainError } from '@kenes/common';
import { Lang, pickLanguage } from '@kenes/core';
import { pageCookieOf, TokensService } from '@kenes/identity';
import { CommentsService, ProposalsService } from '@kenes/proposals';
import { FirstPaintComment, proposalFirstPaint } from './proposal-first-paint';

/** Beyond this many comments (pages of 200) the page is served without its first paint: the app reads them itself. */
const MAX_COMMENT_PAGES = 25;

/** The page's language for the server: `?lang=`, else the app's kept choice (the kenes_lang cookie), else Accept-Language, else English. */
export function firstPaintLanguage(query: unknown, cookieHeader: string | undefined, acceptLanguage: string | undefined): Lang {
  const kept = /(?:^|;\s*)kenes_lang=(en|ru|kk)(?:;|$)/.exec(cookieHeader ?? '')?.[1];
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
      const proposal = await this.proposals.get(user, proposalId);
      const comments = await this.allComments(user, proposalId);
      if (comments === undefined) return null;
      return proposalFirstPaint(proposal, comments, lang);
    } catch (err) {
      // What the API would refuse (404, 403) is the app's to explain; anything else is logged, and the page served without it.
      if (!(err instanceof DomainError)) this.log.warn(`first paint of proposal ${proposalId}: ${(err as Error).message}`);
      return null;
    }
  }

  /** Every comment in the API's order; null when the reader may not read them; undefined when there are too many to wait for. */
  private async allComments(user: AuthUser, proposalId: string): Promise<FirstPaintComment[] | null | undefined> {
    const all: FirstPaintComment[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_COMMENT_PAGES; page++) {
      let got;
      try {
        got = await this.comments.list(user, proposalId, { limit: 200, cursor });
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'forbidden') return null;
        throw err;
      }
      all.push(...got.items);
      if (!got.nextCursor) return all;
      cursor = got.nextCursor;
    }
    return undefined;
  }
}
