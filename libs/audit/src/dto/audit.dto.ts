import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@kenes/common';
import { IsOptional, Matches } from 'class-validator';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Entries after this one: a chain position (seq) or an entry id.' })
  @IsOptional()
  @Matches(/^(\d{1,15}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/, {
    message: 'must be a chain position or an entry id',
  })
  after?: string;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Position in the council chain, from 1' }) seq: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) councilId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ example: 'membership.created' }) action: string;
  @ApiProperty({ example: 'membership' }) objectType: string;
  @ApiProperty({ nullable: true, type: String }) objectId: string | null;
  @ApiProperty({ description: 'Before/after summary of the change', type: 'object', additionalProperties: true })
  summary: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Lowercase hex SHA-256 of the previous entry (64 zeros for the first)' }) prevHash: string;
  @ApiProperty({ description: 'Lowercase hex SHA-256 over this entry and prevHash' }) hash: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AuditVerificationDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'Entries checked' }) entries: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Id of the first entry that does not verify; null when the chain is intact' })
  firstBrokenAt: string | null;
}
