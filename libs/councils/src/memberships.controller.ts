import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, limitOf, UuidParam } from '@kenes/common';
import { AtQueryDto, CompositionDto, CreateMembershipDto, MembershipDto, MembershipPageDto, MembershipsQueryDto, UpdateMembershipDto } from './dto/membership.dto';
import { MembershipsService } from './memberships.service';

@ApiTags('memberships')
@ApiBearerAuth()
@Controller()
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Post('councils/:councilId/memberships')
  @ApiOperation({ summary: 'Give a user a seat in the council for a term (secretariat, admin)' })
  @ApiCreatedResponse({ type: MembershipDto })
  create(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Body() dto: CreateMembershipDto) {
    return this.memberships.create(user, councilId, dto);
  }

  @Get('councils/:councilId/memberships')
  @ApiOperation({ summary: 'Memberships whose term covers a date (default today)' })
  @ApiOkResponse({ type: MembershipPageDto })
  list(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: MembershipsQueryDto) {
    return this.memberships.list(user, councilId, { at: q.at, limit: limitOf(q), cursor: q.cursor });
  }

  @Get('councils/:councilId/composition')
  @ApiOperation({ summary: 'Members per value of each balance dimension at a date (default today)' })
  @ApiOkResponse({ type: CompositionDto })
  composition(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: AtQueryDto) {
    return this.memberships.composition(user, councilId, q.at);
  }

  @Patch('memberships/:membershipId')
  @ApiOperation({ summary: "End a term, or change an ongoing term's roles or attributes (secretariat)" })
  @ApiOkResponse({ type: MembershipDto })
  update(@CurrentUser() user: AuthUser, @UuidParam('membershipId') membershipId: string, @Body() dto: UpdateMembershipDto) {
    return this.memberships.update(user, membershipId, dto);
  }
}
