import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, limitOf, PageQueryDto, UuidParam } from '@kenes/common';
import { AgenciesService } from './agencies.service';
import { AgencyDto, AgencyPageDto, CreateAgencyDto } from './dto/agency.dto';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('councils/:councilId/agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Post()
  @ApiOperation({ summary: 'Register a ministry or state body (secretariat)' })
  @ApiCreatedResponse({ type: AgencyDto })
  create(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Body() dto: CreateAgencyDto) {
    return this.agencies.create(user, councilId, dto);
  }

  @Get()
  @ApiOperation({ summary: "The council's agencies" })
  @ApiOkResponse({ type: AgencyPageDto })
  list(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: PageQueryDto) {
    return this.agencies.list(user, councilId, { limit: limitOf(q), cursor: q.cursor });
  }
}
