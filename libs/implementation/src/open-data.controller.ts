import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@kenes/common';
import { OpenDataService } from './open-data.service';

/** Read-only, public: what a council that publishes has supported, and where each act stands. */
@ApiTags('open data')
@Controller('open-data')
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Public()
  @SkipThrottle()
  @Get('councils/:slug')
  @ApiOperation({ summary: "A publishing council's supported proposals with their plan items and stages (404 if it does not publish)" })
  @ApiOkResponse({ description: '{council, generatedAt, items: [{proposal…, authors, planItems}], nextCursor: null}' })
  feed(@Param('slug') slug: string) {
    return this.openData.feed(slug);
  }
}
