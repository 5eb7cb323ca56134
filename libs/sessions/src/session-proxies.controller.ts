import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, decodeCursor, limitOf, notFound, PageQueryDto, UuidParam } from '@kenes/common';
import { ProxyPageDto } from '@kenes/polls';
import { ProxiesService } from '@kenes/polls';
import { SessionAccessService } from './session-access.service';

/** A sitting's proxies (API.md, "Proxy voting"): whoever reaches the sitting within its council. */
@ApiTags('proxies')
@ApiBearerAuth()
@Controller()
export class SessionProxiesController {
  constructor(
    private readonly access: SessionAccessService,
    private readonly proxies: ProxiesService,
  ) {}

  @Get('sessions/:sessionId/proxies')
  @ApiOperation({ summary: "A sitting's proxies, oldest first, active and revoked (the council's memberships that reach the sitting)" })
  @ApiOkResponse({ type: ProxyPageDto })
  async ofSession(@CurrentUser() user: AuthUser, @UuidParam('sessionId') sessionId: string, @Query() q: PageQueryDto) {
    const after = decodeCursor(q.cursor, 2) as [string, string] | null; // a bad cursor is a 400 before anything is read
    const sc = await this.access.reach(user, sessionId);
    // A public sitting is watched by anyone; its proxies are the council's business.
    if (!sc.council) throw notFound('Session');
    return this.proxies.listOfSession(sessionId, { limit: limitOf(q), after });
  }
}
