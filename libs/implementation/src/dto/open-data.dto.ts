import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@kenes/common';
import { IsOptional, IsUUID } from 'class-validator';

/** How many plan items each proposal of the feed carries; the rest are paged by `GET …/plan-items?proposalId=`. */
export const OPEN_DATA_NESTED_ITEMS = 50;

export class OpenDataPlanItemsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "only this proposal's plan items" })
  @IsOptional()
  @IsUUID()
  proposalId?: string;
}

export class OpenDataCouncilDto {
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
}

export class OpenDataPlanItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty() title: string;
  @ApiProperty() deliverable: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty() stage: string;
  @ApiProperty({ type: Number, nullable: true }) progress: number | null;
  @ApiProperty({ type: String, nullable: true }) legalActRef: string | null;
  @ApiProperty() responsibleAgency: string;
  @ApiProperty({ type: String, nullable: true }) reformPackage: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OpenDataProposalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty() status: string;
  @ApiProperty() workingGroup: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: [String], description: 'names of the authors who consented to be named (a proposal has at most 51 authors)' }) authors: string[];
  @ApiProperty({ type: [OpenDataPlanItemDto], description: `its first ${OPEN_DATA_NESTED_ITEMS} plan items by due date` }) planItems: OpenDataPlanItemDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'when it has more plan items: the cursor for GET /open-data/councils/:slug/plan-items?proposalId=<id>&cursor= that goes on from the last one shown',
  })
  planItemsNextCursor: string | null;
}

export class OpenDataFeedDto {
  @ApiProperty({ type: OpenDataCouncilDto }) council: OpenDataCouncilDto;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [OpenDataProposalDto], description: 'published proposals, oldest first' }) items: OpenDataProposalDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class OpenDataPlanItemPageDto {
  @ApiProperty({ type: [OpenDataPlanItemDto], description: 'by due date, then id' }) items: OpenDataPlanItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
