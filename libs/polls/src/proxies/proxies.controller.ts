import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, limitOf, PageQueryDto, UuidParam } from '@kenes/common';
import { CreateProxyDto, ProxyDto, ProxyPageDto } from './dto/proxy.dto';
import { ProxiesService } from './proxies.service';

@ApiTags('proxies')
@ApiBearerAuth()
@Controller()
export class ProxiesController {
  constructor(private readonly proxies: ProxiesService) {}

  @Post('councils/:councilId/proxies')
  @ApiOperation({
    summary: 'Give your proxy to another member for one sitting or one poll (a member with a vote, where the council allows proxies)',
    description: '409 when proxy voting is off, to oneself, when the delegate holds maxPerDelegate proxies or has given one in that scope, or when you hold one there (no chains).',
  })
  @ApiCreatedResponse({ type: ProxyDto })
  create(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Body() dto: CreateProxyDto) {
    return this.proxies.create(user, councilId, dto);
  }

  @Post('proxies/:proxyId/revocation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a proxy (the member who gave it, or the secretariat); polls already open keep it as fixed' })
  @ApiOkResponse({ type: ProxyDto })
  revoke(@CurrentUser() user: AuthUser, @UuidParam('proxyId') proxyId: string) {
    return this.proxies.revoke(user, proxyId);
  }

  @Get('polls/:pollId/proxies')
  @ApiOperation({ summary: "A poll's proxies: as they stand while it is a draft, as fixed when it opened afterwards (active or suspended)" })
  @ApiOkResponse({ type: ProxyPageDto })
  ofPoll(@CurrentUser() user: AuthUser, @UuidParam('pollId') pollId: string, @Query() q: PageQueryDto) {
    return this.proxies.listOfPoll(user, pollId, { limit: limitOf(q), cursor: q.cursor });
  }
}
