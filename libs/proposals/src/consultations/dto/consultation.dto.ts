import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENCY_POSITIONS, AgencyPosition, CONSULTATION_ASPECTS, ConsultationAspect } from '@kenes/core';
import { PageQueryDto } from '@kenes/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { AnchorDto } from '../../dto/comment.dto';

export class OpenConsultationsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'one consultation is opened per agency' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  agencyIds: string[];

  @ApiProperty({ enum: CONSULTATION_ASPECTS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(CONSULTATION_ASPECTS, { each: true })
  aspects: ConsultationAspect[];

  @ApiProperty({ maxLength: 10000 })
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  question: string;

  @ApiProperty({ format: 'date-time', description: 'must lie in the future' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  dueAt: string;
}

export class ConsultationCommentInputDto {
  @ApiProperty({ enum: CONSULTATION_ASPECTS })
  @IsIn(CONSULTATION_ASPECTS)
  aspect: ConsultationAspect;

  @ApiPropertyOptional({ enum: AGENCY_POSITIONS, description: "required for the agency's comments; not for authors' replies" })
  @IsOptional()
  @IsIn(AGENCY_POSITIONS)
  position?: AgencyPosition;

  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  body: string;

  @ApiPropertyOptional({ type: AnchorDto, description: 'a span of the cited version' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnchorDto)
  anchor?: AnchorDto;

  @ApiPropertyOptional({ format: 'uuid', description: "the comment answered (required for authors' replies)" })
  @IsOptional()
  @IsUUID()
  replyTo?: string;
}

export class ConsultationResponseInputDto {
  @ApiProperty({ enum: AGENCY_POSITIONS })
  @IsIn(AGENCY_POSITIONS)
  position: AgencyPosition;

  @ApiProperty({ maxLength: 50000 })
  @IsString()
  @MinLength(1)
  @MaxLength(50_000)
  body: string;
}

export class ConsultationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'answered', 'overdue'] })
  @IsOptional()
  @IsIn(['open', 'answered', 'overdue'])
  status?: 'open' | 'answered' | 'overdue';
}

export class ConsultationCommentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ format: 'uuid' }) authorMembershipId: string;
  @ApiProperty() authorName: string;
  @ApiProperty({ enum: ['agency', 'author'] }) authorKind: 'agency' | 'author';
  @ApiProperty({ enum: CONSULTATION_ASPECTS }) aspect: ConsultationAspect;
  @ApiProperty({ enum: AGENCY_POSITIONS, nullable: true }) position: AgencyPosition | null;
  @ApiProperty() body: string;
  @ApiProperty({ type: AnchorDto, nullable: true }) anchor: AnchorDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) replyTo: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ConsultationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) membershipId: string;
  @ApiProperty({ enum: AGENCY_POSITIONS }) position: AgencyPosition;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ConsultationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ description: 'the proposal version cited' }) version: number;
  @ApiProperty({ enum: CONSULTATION_ASPECTS, isArray: true }) aspects: ConsultationAspect[];
  @ApiProperty() question: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: ['open', 'answered', 'overdue'] }) status: 'open' | 'answered' | 'overdue';
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) answeredAt: string | null;
  @ApiProperty({ type: ConsultationResponseDto, nullable: true }) response: ConsultationResponseDto | null;
  @ApiPropertyOptional({
    type: [ConsultationCommentDto],
    description:
      "The consultation's comments, oldest first (the agency's comments and the authors' replies, at most 1,000). Included by GET /consultations/:consultationId and by each item of GET /proposals/:proposalId/consultations (the same comments for the same caller); absent from the other answers that carry consultations (opening them, the final response, GET /agencies/:agencyId/consultations, GET /councils/:councilId/consultations).",
  })
  comments?: ConsultationCommentDto[];
}

export class ConsultationListDto {
  @ApiProperty({ type: [ConsultationDto] }) items: ConsultationDto[];
}

export class ConsultationPageDto {
  @ApiProperty({ type: [ConsultationDto] }) items: ConsultationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
