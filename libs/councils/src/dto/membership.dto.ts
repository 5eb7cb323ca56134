import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COUNCIL_ROLES, CouncilRole } from '@kenes/core';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsObject, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { PageQueryDto } from '@kenes/common';
import { IsIsoDate } from './is-iso-date.validator';

export class CreateMembershipDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty({ enum: COUNCIL_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(COUNCIL_ROLES.length)
  @ArrayUnique()
  @IsIn(COUNCIL_ROLES, { each: true })
  roles: CouncilRole[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'required iff roles include agency_rep' })
  @IsOptional()
  @IsUUID()
  agencyId?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { sector: 'law', stance: 'moderate' } })
  @IsOptional()
  @IsObject()
  attributes?: Record<string, string>;

  @ApiProperty({ format: 'date', example: '2026-01-01' })
  @IsIsoDate()
  startsOn: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsIsoDate()
  endsOn?: string | null;
}

export class UpdateMembershipDto {
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'ends the term (inclusive); null reopens an ongoing term' })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsIsoDate()
  endsOn?: string | null;

  @ApiPropertyOptional({ enum: COUNCIL_ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(COUNCIL_ROLES.length)
  @ArrayUnique()
  @IsIn(COUNCIL_ROLES, { each: true })
  roles?: CouncilRole[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsObject()
  attributes?: Record<string, string>;

  @ApiPropertyOptional({
    format: 'date',
    description: 'the date from which a change of roles or attributes takes effect (default today); not before the term starts, nor before an earlier change',
  })
  @IsOptional()
  @IsIsoDate()
  effectiveOn?: string;
}

export class MembershipsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'members whose term covers this date (default: today)' })
  @IsOptional()
  @IsIsoDate()
  at?: string;
}

export class AtQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'default: today' })
  @IsOptional()
  @IsIsoDate()
  at?: string;
}

export class MembershipUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ nullable: true, type: String, description: 'shown to the secretariat and the admin only' }) email: string | null;
}

export class MembershipDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ type: MembershipUserDto, nullable: true }) user: MembershipUserDto | null;
  @ApiProperty({ enum: COUNCIL_ROLES, isArray: true }) roles: CouncilRole[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agencyId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) attributes: Record<string, string>;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endsOn: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MembershipPageDto {
  @ApiProperty({ type: [MembershipDto] }) items: MembershipDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CompositionDto {
  @ApiProperty({ format: 'date' }) at: string;
  @ApiProperty() total: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } },
    example: { sector: { law: 4, economics: 6 }, stance: { moderate: 7, tolerant: 3 } },
  })
  dimensions: Record<string, Record<string, number>>;
}
