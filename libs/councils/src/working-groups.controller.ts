import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, limitOf, PageQueryDto, UuidParam } from '@kenes/common';
import {
  AddGroupMemberDto,
  CreateWorkingGroupDto,
  GroupMemberDto,
  WorkingGroupDto,
  WorkingGroupPageDto,
  WorkingGroupWithMembersDto,
} from './dto/working-group.dto';
import { WorkingGroupsService } from './working-groups.service';

@ApiTags('working groups')
@ApiBearerAuth()
@Controller()
export class WorkingGroupsController {
  constructor(private readonly groups: WorkingGroupsService) {}

  @Post('councils/:councilId/working-groups')
  @ApiOperation({ summary: 'Create a working group (secretariat)' })
  @ApiCreatedResponse({ type: WorkingGroupDto })
  create(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Body() dto: CreateWorkingGroupDto) {
    return this.groups.create(user, councilId, dto);
  }

  @Get('councils/:councilId/working-groups')
  @ApiOperation({ summary: "The council's working groups" })
  @ApiOkResponse({ type: WorkingGroupPageDto })
  list(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: PageQueryDto) {
    return this.groups.list(user, councilId, { limit: limitOf(q), cursor: q.cursor });
  }

  @Get('working-groups/:groupId')
  @ApiOperation({ summary: 'A working group with its members' })
  @ApiOkResponse({ type: WorkingGroupWithMembersDto })
  get(@CurrentUser() user: AuthUser, @UuidParam('groupId') groupId: string) {
    return this.groups.get(user, groupId);
  }

  @Post('working-groups/:groupId/members')
  @ApiOperation({ summary: 'Add a council member to the group as coordinator or member (secretariat)' })
  @ApiCreatedResponse({ type: GroupMemberDto })
  addMember(@CurrentUser() user: AuthUser, @UuidParam('groupId') groupId: string, @Body() dto: AddGroupMemberDto) {
    return this.groups.addMember(user, groupId, dto);
  }
}
