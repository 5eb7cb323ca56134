import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALL_PLAN_STAGES, DELIVERABLES, Deliverable, PlanStage } from '@kenes/core';
import { PageQueryDto } from '@kenes/common';
import { IsIsoDate } from '@kenes/councils';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

export class CreateReformPackageDto {
  @ApiProperty({ maxLength: 300 })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiProperty({ format: 'date' })
  @IsIsoDate()
  announcedOn: string;
}

export class CreatePlanDto {
  @ApiProperty({ maxLength: 300 })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'the session whose decisions it carries out' })
  @IsOptional()
  @IsUUID()
  sessionId?: string | null;
}

export class CreatePlanItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  proposalId: string;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  responsibleAgencyId: string;

  @ApiProperty({ enum: DELIVERABLES })
  @IsIn(DELIVERABLES)
  deliverable: Deliverable;

  @ApiProperty({ format: 'date', description: 'a past date is allowed (a plan may be recorded after the fact)' })
  @IsIsoDate()
  dueOn: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  reformPackageId?: string | null;
}

/** PATCH /plan-items/:itemId: the reform package the item is filed under; the field is required, null files it under none. */
export class UpdatePlanItemDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'a reform package of the council of the item, or null for no package' })
  // null is a value here (no package); a missing field is not, and fails @IsUUID below.
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  reformPackageId: string | null;
}

export class CreatePlanItemUpdateDto {
  @ApiProperty({ enum: ALL_PLAN_STAGES, description: 'forward only (skipping allowed), or cancelled' })
  @IsIn(ALL_PLAN_STAGES)
  stage: PlanStage;

  @ApiProperty({ maxLength: 10000 })
  @IsString()
  @MaxLength(10_000)
  note: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number | null;

  @ApiPropertyOptional({ type: String, maxLength: 500, nullable: true, description: 'the reference of the legal act' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  legalActRef?: string | null;
}

export class PlanItemsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'due date passed and neither in force nor cancelled' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  reformPackageId?: string;

  @ApiPropertyOptional({ enum: ALL_PLAN_STAGES })
  @IsOptional()
  @IsIn(ALL_PLAN_STAGES)
  stage?: PlanStage;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'json'], default: 'json' })
  @IsOptional()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';
}

export class ReformPackageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) announcedOn: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReformPackagePageDto {
  @ApiProperty({ type: [ReformPackageDto] }) items: ReformPackageDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PlanItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) responsibleAgencyId: string;
  @ApiProperty({ enum: DELIVERABLES }) deliverable: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) reformPackageId: string | null;
  @ApiProperty({ enum: ALL_PLAN_STAGES }) stage: string;
  @ApiProperty({ nullable: true, type: Number }) progress: number | null;
  @ApiProperty({ nullable: true, type: String }) legalActRef: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PlanItemPageDto {
  @ApiProperty({ type: [PlanItemDto] }) items: PlanItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PlanDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) sessionId: string | null;
  @ApiProperty({ type: [PlanItemDto] }) items: PlanItemDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'items per stage' }) countsByStage: Record<string, number>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PlanSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) sessionId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'items per stage (every stage named, 0 when none)' }) countsByStage: Record<string, number>;
  @ApiProperty({ type: 'integer' }) itemCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PlanSummaryPageDto {
  @ApiProperty({ type: [PlanSummaryDto] }) items: PlanSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PlanItemUpdateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ enum: ALL_PLAN_STAGES }) fromStage: string;
  @ApiProperty({ enum: ALL_PLAN_STAGES }) stage: string;
  @ApiProperty() note: string;
  @ApiProperty({ nullable: true, type: Number }) progress: number | null;
  @ApiProperty({ nullable: true, type: String }) legalActRef: string | null;
  @ApiProperty({ format: 'uuid' }) actorUserId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: PlanItemDto }) item: PlanItemDto;
  @ApiProperty({ type: Object, description: '{id, status} of the proposal after the update' }) proposal: { id: string; status: string };
}

/** One step of an item's history, as GET /plan-items/:itemId/updates lists it. */
export class PlanItemHistoryEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ enum: ALL_PLAN_STAGES }) fromStage: string;
  @ApiProperty({ enum: ALL_PLAN_STAGES }) stage: string;
  @ApiProperty() note: string;
  @ApiProperty({ nullable: true, type: Number }) progress: number | null;
  @ApiProperty({ nullable: true, type: String }) legalActRef: string | null;
  @ApiProperty({ format: 'uuid' }) actorUserId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PlanItemHistoryPageDto {
  @ApiProperty({ type: [PlanItemHistoryEntryDto] }) items: PlanItemHistoryEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ProgressRowDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the agency or reform package (null: items in no package)' }) id: string | null;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty() items: number;
  @ApiProperty() overdue: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) byStage: Record<string, number>;
  @ApiProperty({ nullable: true, type: Number, description: 'mean of the progress figures given' }) meanProgress: number | null;
}

export class ProgressSummaryDto {
  @ApiProperty({ type: [ProgressRowDto] }) byAgency: ProgressRowDto[];
  @ApiProperty({ type: [ProgressRowDto] }) byReformPackage: ProgressRowDto[];
}
