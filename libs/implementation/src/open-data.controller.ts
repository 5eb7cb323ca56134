import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { limitOf, PageQueryDto, Public } from '@kenes/common';
import { OpenDataFeedDto, OpenDataPlanItemPageDto, OpenDataPlanItemsQueryDto } from './dto/open-data.dto';
import { OpenDataService } from './open-data.service';

/** Read-only, public: what a council that publishes has supported, and where each act stands. */
@ApiTags('open data')
@Controller('open-data')
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Public()
  @SkipThrottle()
  @Get('councils/:slug')
  @ApiOperation({ summary: "A publishing council's supported proposals, paged oldest first, each with its authors and first plan items (404 if it does not publish)" })
  @ApiOkResponse({ type: OpenDataFeedDto })
  feed(@Param('slug') slug: string, @Query() q: PageQueryDto): Promise<OpenDataFeedDto> {
    return this.openData.feed(slug, { limit: limitOf(q), cursor: q.cursor });
  }

  @Public()
  @SkipThrottle()
  @Get('councils/:slug/plan-items')
  @ApiOperation({ summary: "The plan items of a publishing council's supported proposals (or of one of them), paged by due date (404 if it does not publish)" })
  @ApiOkResponse({ type: OpenDataPlanItemPageDto })
  planItems(@Param('slug') slug: string, @Query() q: OpenDataPlanItemsQueryDto): Promise<OpenDataPlanItemPageDto> {
    return this.openData.planItems(slug, { limit: limitOf(q), cursor: q.cursor, proposalId: q.proposalId });
  }
}
