import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class CreateWorkingGroupDto {
  @ApiProperty({ example: 'Economic modernisation' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Proposals on the economy, competition and public finance' })
  @IsString()
  @MaxLength(5000)
  mandate: string;
}

export class AddGroupMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  membershipId: string;

  @ApiProperty({ enum: ['coordinator', 'member'] })
  @IsIn(['coordinator', 'member'])
  role: 'coordinator' | 'member';
}

export class GroupMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) workingGroupId: string;
  @ApiProperty({ format: 'uuid' }) membershipId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ['coordinator', 'member'] }) role: 'coordinator' | 'member';
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class WorkingGroupDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty() name: string;
  @ApiProperty() mandate: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class WorkingGroupWithMembersDto extends WorkingGroupDto {
  @ApiProperty({ type: [GroupMemberDto] }) members: GroupMemberDto[];
}

export class WorkingGroupPageDto {
  @ApiProperty({ type: [WorkingGroupDto] }) items: WorkingGroupDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
