import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, limitOf, PageQueryDto, UuidParam } from '@kenes/common';
import { CouncilsService } from './councils.service';
import { CouncilDto, CouncilPageDto, CreateCouncilDto, UpdateCouncilDto } from './dto/council.dto';

@ApiTags('councils')
@ApiBearerAuth()
@Controller('councils')
export class CouncilsController {
  constructor(private readonly councils: CouncilsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a council (platform admin)' })
  @ApiCreatedResponse({ type: CouncilDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCouncilDto) {
    return this.councils.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Councils the caller holds an active membership in (every council for the admin)' })
  @ApiOkResponse({ type: CouncilPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto) {
    return this.councils.list(user, { limit: limitOf(q), cursor: q.cursor });
  }

  @Get(':councilId')
  @ApiOperation({ summary: 'One council' })
  @ApiOkResponse({ type: CouncilDto })
  get(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string) {
    return this.councils.get(user, councilId);
  }

  @Patch(':councilId')
  @ApiOperation({ summary: 'Rename the council, turn its open-data feed on or off, or set its proxy voting (secretariat, admin)' })
  @ApiOkResponse({ type: CouncilDto })
  update(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Body() dto: UpdateCouncilDto) {
    return this.councils.update(user, councilId, dto);
  }
}
